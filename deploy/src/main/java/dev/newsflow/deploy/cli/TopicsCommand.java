package dev.newsflow.deploy.cli;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.config.TopicTaggerConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.deploy.logging.Logging;
import dev.newsflow.enrich.EnrichApp;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.topic.IptcTopicTagger;
import dev.newsflow.enrich.topic.KeywordLists;
import dev.newsflow.enrich.topic.LinearTopicModel;
import dev.newsflow.enrich.topic.SectionLexicon;
import dev.newsflow.enrich.topic.TopicTagger;
import dev.newsflow.enrich.topic.eval.TopicDatasets;
import dev.newsflow.enrich.topic.eval.TopicEvaluation;
import dev.newsflow.enrich.topic.eval.TopicExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow topics}: IPTC topic tagging from the command line, for checks and evaluation. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description =
                "IPTC Media Topic tagging: classify texts, or score the tagger on benchmarks.",
        subcommands = {TopicsCommand.Classify.class, TopicsCommand.Eval.class})
public final class TopicsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final Source CLI_SOURCE =
            new Source("cli", "urn:newsflow:cli", "newsflow topics", "cli", null);

    /** An article of {@code text} with {@code url} (section evidence only comes from the URL). */
    static RawArticle article(String title, String text, String url) {
        return RawArticle.builder(url, CLI_SOURCE, Instant.EPOCH)
                .title(title.isEmpty() ? null : title)
                .text(text)
                .build();
    }

    /** {@code newsflow topics classify}: one text a line from stdin, its tags as JSON. */
    @Command(
            name = "classify",
            mixinStandardHelpOptions = true,
            description = {
                "Read one text a line from stdin and print its topics, one JSON array a line:",
                "[{\"code\":\"medtop:11000000\",\"label\":\"politics\",\"score\":0.93}, ...]",
                "([] when no topic reaches enrich.topic.threshold). Uses the tagger of the enrich",
                "service; the language is detected per line unless --lang is given. With",
                "--verbose, one JSON object a line: the language, the tags, and every topic any",
                "signal spoke for with its model probability, section strength and keyword",
                "evidence (before their weights) and its combined score."
            })
    static final class Classify implements Callable<Integer> {
        @Mixin ConfigOptions options;

        @Spec CommandSpec spec;

        @Option(
                names = "--lang",
                paramLabel = "CODE",
                description = "Language of every line (ISO 639-1, e.g. id); default: detected.")
        String lang;

        @Option(
                names = "--url",
                paramLabel = "URL",
                description = "URL of every line, for section evidence (e.g. .../sport/...).")
        String url = "urn:newsflow:cli";

        @Option(
                names = {"-v", "--verbose"},
                description = "Also print what each signal said of each topic, and the language.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            NewsflowConfig config = options.load();
            Logging.configure(config.log());
            TopicTagger tagger = EnrichApp.tagger(config);
            LanguageDetector detector = lang == null ? EnrichApp.detector(config) : null;
            PrintWriter out = spec.commandLine().getOut();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            LineReader lines = new LineReader(in);
            String line;
            while ((line = lines.next()) != null) {
                RawArticle article = article("", line, url);
                Language language =
                        detector == null
                                ? new Language(lang, 1.0, "hint")
                                : detector.detect(article);
                if (!verbose) {
                    out.println(Json.toString(tagger.tag(article, language)));
                } else if (tagger instanceof IptcTopicTagger iptc) {
                    out.println(
                            Json.toString(
                                    explained(language, iptc.explain(article, language), iptc)));
                } else { // enrich.topic.enabled: false
                    out.println(Json.toString(verboseLine(language, List.of(), List.of())));
                }
                out.flush();
            }
            return 0;
        }
    }

    /**
     * The verbose line of {@code classify}: the language, the tags, and for every topic with any
     * evidence its signals before their weights and its combined score, best first.
     */
    static Map<String, Object> explained(
            Language language, IptcTopicTagger.Explanation e, IptcTopicTagger tagger) {
        List<Map<String, Object>> signals = new ArrayList<>();
        IptcTopic[] topics = IptcTopic.values();
        Integer[] order = new Integer[topics.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(e.scores()[b], e.scores()[a]));
        for (int i : order) {
            if (round(e.scores()[i]) <= 0) {
                continue; // no signal spoke for it, or too little to print
            }
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("label", topics[i].label());
            topic.put("score", round(e.scores()[i]));
            topic.put("model", round(e.model()[i]));
            topic.put("section", round(e.section()[i]));
            topic.put("keywords", round(e.keywords()[i]));
            signals.add(topic);
        }
        return verboseLine(language, tagger.tags(e.scores()), signals);
    }

    private static Map<String, Object> verboseLine(
            Language language, List<TopicTag> tags, List<Map<String, Object>> signals) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("language", language.code());
        line.put("tags", tags);
        line.put("signals", signals);
        return line;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** {@code newsflow topics eval}: accuracy and macro-F1 per language on SIB-200/MasakhaNEWS. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Score the tagger on SIB-200 and MasakhaNEWS (labels mapped to IPTC; SIB-200",
                "geography has no IPTC top-level and is not scored). Per language: top-1 accuracy",
                "and macro-F1 of the best-scoring topic, and coverage and precision at the",
                "threshold. Three signal sets: model (the linear model alone), text (model and",
                "keyword lists) and all (also the publisher URL, which MasakhaNEWS has)."
            })
    static final class Eval implements Callable<Integer> {
        @Mixin ConfigOptions options;

        @Spec CommandSpec spec;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description =
                        "Folder with sib-200/ and masakhanews/ (default: shared/bench/topics in"
                                + " or beside a parent of the working directory).")
        Path data;

        @Option(
                names = "--split",
                paramLabel = "NAME",
                description = "Split to score: dev or test (default: ${DEFAULT-VALUE}).")
        String split = "dev";

        @Option(
                names = "--signals",
                split = ",",
                paramLabel = "SET",
                description = "Signal sets to score: model, text, all (default: all three).")
        List<String> signals = List.of("model", "text", "all");

        @Option(
                names = "--keyword-weight",
                paramLabel = "W",
                description =
                        "Weight of keyword evidence, for selecting it on dev (default: the"
                                + " tagger's).")
        Double keywordWeight;

        @Option(
                names = "--section-weight",
                paramLabel = "W",
                description =
                        "Weight of section evidence, for selecting it on dev (default: the"
                                + " tagger's).")
        Double sectionWeight;

        @Option(
                names = "--confusion",
                description =
                        "Also print, per language, how often each gold topic got which top-1.")
        boolean confusion;

        @Override
        public Integer call() throws IOException {
            NewsflowConfig config = options.load();
            Logging.configure(config.log());
            PrintWriter out = spec.commandLine().getOut();
            if (data == null) {
                data = TopicDatasets.findShared(Path.of("").toAbsolutePath());
            }
            if (!Files.isDirectory(data)) {
                spec.commandLine()
                        .getErr()
                        .println("no benchmark data at " + data + "; use --data");
                return 2;
            }
            List<TopicExample> examples =
                    new ArrayList<>(TopicDatasets.read(data, TopicDatasets.SIB_200, split));
            examples.addAll(TopicDatasets.read(data, TopicDatasets.MASAKHANEWS, split));
            if (examples.isEmpty()) {
                spec.commandLine().getErr().println("no " + split + " split under " + data);
                return 2;
            }
            TopicTaggerConfig topic = config.enrich().topic();
            LinearTopicModel model = LinearTopicModel.loadDefault();
            if (split.equals("dev")) {
                out.println(
                        "note: the shipped model is trained on the dev splits too, so these dev"
                                + " scores are not results; the dev figures of record are"
                                + " cross-validated: bench/run TopicTrain --cv 5");
            }
            for (String set : signals) {
                IptcTopicTagger.Builder b =
                        IptcTopicTagger.builder()
                                .model(model)
                                .threshold(topic.threshold())
                                .maxTopics(topic.maxTopics())
                                .maxChars(topic.maxChars());
                switch (set) {
                    case "model" -> {}
                    case "text" -> b.keywords(KeywordLists.loadDefault(topic.keywordMinHits()));
                    case "all" ->
                            b.keywords(KeywordLists.loadDefault(topic.keywordMinHits()))
                                    .sections(SectionLexicon.loadDefault());
                    default -> {
                        spec.commandLine().getErr().println("unknown signal set " + set);
                        return 2;
                    }
                }
                if (keywordWeight != null) {
                    b.keywordWeight(keywordWeight);
                }
                if (sectionWeight != null) {
                    b.sectionWeight(sectionWeight);
                }
                IptcTopicTagger tagger = b.build();
                boolean urls = set.equals("all");
                out.printf(
                        Locale.ROOT,
                        "%n%s split, signals: %s, threshold %.2f%n%n",
                        split,
                        set,
                        topic.threshold());
                Function<TopicExample, double[]> scorer =
                        e ->
                                tagger.scores(
                                        article(
                                                e.title(),
                                                e.text(),
                                                urls && !e.url().isEmpty()
                                                        ? e.url()
                                                        : "urn:newsflow:eval"),
                                        new Language(e.language(), 1.0, "hint"));
                out.print(
                        TopicEvaluation.markdown(
                                TopicEvaluation.evaluate(examples, scorer, topic.threshold())));
                if (confusion) {
                    printConfusion(out, examples, scorer);
                }
                out.flush();
            }
            return 0;
        }
    }

    private static void printConfusion(
            PrintWriter out, List<TopicExample> examples, Function<TopicExample, double[]> scorer) {
        Map<String, Map<String, Map<String, Integer>>> m = new TreeMap<>();
        for (TopicExample e : examples) {
            if (e.topic() == null) {
                continue;
            }
            double[] s = scorer.apply(e);
            int best = -1;
            for (int t = 0; t < s.length; t++) {
                if (s[t] > 0 && (best < 0 || s[t] > s[best])) {
                    best = t;
                }
            }
            String predicted = best < 0 ? "none" : IptcTopic.values()[best].name();
            m.computeIfAbsent(e.dataset() + "/" + e.set(), k -> new TreeMap<>())
                    .computeIfAbsent(e.topic().name(), k -> new TreeMap<>())
                    .merge(predicted, 1, Integer::sum);
        }
        m.forEach(
                (set, rows) -> {
                    out.println(set);
                    rows.forEach((gold, preds) -> out.println("  " + gold + " -> " + preds));
                });
    }
}
