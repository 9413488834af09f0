package dev.newsflow.bench;

import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.TopicTaggerConfig;
import dev.newsflow.enrich.topic.IptcTopicTagger;
import dev.newsflow.enrich.topic.LinearTopicModel;
import dev.newsflow.enrich.topic.TopicTagger;
import dev.newsflow.enrich.topic.eval.TopicDatasets;
import dev.newsflow.enrich.topic.eval.TopicExample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Speed and memory of the IPTC topic tagger (model + section lexicon + keyword lists) against the
 * bare linear model (same model, no lexicon, no keyword lists), on the dev texts of SIB-200 (one
 * sentence each) and MasakhaNEWS (whole articles, with their URLs). Rounds alternate between the
 * two, so machine noise hits both alike; single thread.
 *
 * <pre>
 * bench/run TopicBench [--data DIR] [--rounds 6]   # DIR default: shared/bench/topics beside the checkout
 * </pre>
 *
 * Prints articles per second (median round) of each, the ratio, retained heap of each tagger (after
 * GC, with the other discarded) and bytes allocated per article.
 */
public final class TopicBench {
    private TopicBench() {}

    public static void main(String[] args) throws IOException {
        Path data = TopicDatasets.findShared(Path.of(""));
        int rounds = 6;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<TopicExample> examples =
                new ArrayList<>(TopicDatasets.read(data, TopicDatasets.SIB_200, "dev"));
        int sib = examples.size();
        examples.addAll(TopicDatasets.read(data, TopicDatasets.MASAKHANEWS, "dev"));
        if (examples.isEmpty()) {
            System.err.println("no dev data under " + data);
            System.exit(2);
        }
        Source source = new Source("bench", "urn:bench", "bench", "rss", null);
        List<RawArticle> articles = new ArrayList<>();
        List<Language> languages = new ArrayList<>();
        long chars = 0;
        for (TopicExample e : examples) {
            articles.add(
                    RawArticle.builder(
                                    e.url().isEmpty() ? "urn:bench:" + articles.size() : e.url(),
                                    source,
                                    Instant.EPOCH)
                            .title(e.title().isEmpty() ? null : e.title())
                            .text(e.text())
                            .build());
            languages.add(new Language(e.language(), 1.0, "hint"));
            chars += e.titleAndText().length();
        }

        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        TopicTagger baseline =
                IptcTopicTagger.builder().model(LinearTopicModel.loadDefault()).build();
        double baselineLoadMs = (System.nanoTime() - t0) / 1e6;
        long baselineHeap = usedHeap() - heap0;
        long heap1 = usedHeap();
        t0 = System.nanoTime();
        TopicTagger tagger = IptcTopicTagger.create(TopicTaggerConfig.defaults());
        double taggerLoadMs = (System.nanoTime() - t0) / 1e6;
        long taggerHeap = usedHeap() - heap1;

        // warm-up: one pass each
        run(baseline, articles, languages);
        run(tagger, articles, languages);
        double[] base = new double[rounds];
        double[] subj = new double[rounds];
        long[] baseAlloc = new long[rounds];
        long[] subjAlloc = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long a = allocated();
            base[r] = run(baseline, articles, languages);
            baseAlloc[r] = allocated() - a;
            a = allocated();
            subj[r] = run(tagger, articles, languages);
            subjAlloc[r] = allocated() - a;
        }
        double baseRate = articles.size() / median(base);
        double subjRate = articles.size() / median(subj);
        System.out.printf(
                Locale.ROOT,
                "%d texts (%d SIB-200 sentences, %d MasakhaNEWS articles; %.0f chars on average),"
                        + " %d alternating rounds, median round%n%n",
                articles.size(),
                sib,
                articles.size() - sib,
                chars / (double) articles.size(),
                rounds);
        System.out.println(
                "| tagger | articles/s | ratio | retained heap | load time | allocated per article"
                        + " |");
        System.out.println("|---|--:|--:|--:|--:|--:|");
        System.out.printf(
                Locale.ROOT,
                "| bare linear model (baseline) | %.0f | 1.00 | %.1f MB | %.0f ms | %.0f KB |%n",
                baseRate,
                baselineHeap / 1e6,
                baselineLoadMs,
                median(baseAlloc) / 1024.0 / articles.size());
        System.out.printf(
                Locale.ROOT,
                "| IptcTopicTagger (model + sections + keywords) | %.0f | %.2f | %.1f MB | %.0f ms"
                        + " | %.0f KB |%n",
                subjRate,
                subjRate / baseRate,
                taggerHeap / 1e6,
                taggerLoadMs,
                median(subjAlloc) / 1024.0 / articles.size());
    }

    private static double run(TopicTagger tagger, List<RawArticle> articles, List<Language> langs) {
        long t = System.nanoTime();
        int tags = 0;
        for (int i = 0; i < articles.size(); i++) {
            tags += tagger.tag(articles.get(i), langs.get(i)).size();
        }
        if (tags < 0) {
            throw new AssertionError();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
