package dev.newsflow.enrich.topic.eval;

import dev.newsflow.core.article.IptcTopic;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads SIB-200 and MasakhaNEWS splits laid out as in {@code ../shared/bench/topics}: {@code
 * sib-200/<lang>/<split>.tsv} ({@code index_id, category, text}) and {@code
 * masakhanews/<lang>/<split>.tsv} ({@code category, headline, text, url}), and maps their labels to
 * IPTC top-level Media Topics.
 *
 * <p>The label mapping, and why:
 *
 * <ul>
 *   <li>SIB-200 {@code science/technology} → science and technology; {@code politics} → politics;
 *       {@code sports} → sport; {@code health} → health; {@code entertainment} → arts, culture,
 *       entertainment and media; {@code travel} → lifestyle and leisure (IPTC defines it as
 *       "activities undertaken for pleasure … including eating and travel"; many SIB-200 travel
 *       sentences are travel advice, a few are closer to geography or transport, so this mapping is
 *       approximate); {@code geography} → none: IPTC has no top-level for physical geography
 *       (nearest would be environment or science, neither right for "Turkey is encircled by seas on
 *       three sides"). Geography sentences are trained as negatives of every topic and left out of
 *       the scores.
 *   <li>MasakhaNEWS {@code business} → economy, business and finance; {@code entertainment} → arts,
 *       culture, entertainment and media; {@code health} → health; {@code politics} → politics;
 *       {@code religion} → religion; {@code sports} → sport; {@code technology} → science and
 *       technology. All seven map.
 * </ul>
 *
 * Rows are returned sorted by set folder name and in file order, so training is reproducible.
 */
public final class TopicDatasets {
    /** SIB-200. */
    public static final String SIB_200 = "sib-200";

    /** MasakhaNEWS. */
    public static final String MASAKHANEWS = "masakhanews";

    private static final Map<String, String> SIB_LABELS =
            Map.of(
                    "science/technology", "13",
                    "travel", "10",
                    "politics", "11",
                    "sports", "15",
                    "health", "07",
                    "entertainment", "01");

    private static final Map<String, String> MASAKHA_LABELS =
            Map.of(
                    "business", "04",
                    "entertainment", "01",
                    "health", "07",
                    "politics", "11",
                    "religion", "12",
                    "sports", "15",
                    "technology", "13");

    private static final Map<String, String> LANGUAGES =
            Map.ofEntries(
                    Map.entry("arb", "ar"),
                    Map.entry("deu", "de"),
                    Map.entry("eng", "en"),
                    Map.entry("fra", "fr"),
                    Map.entry("hin", "hi"),
                    Map.entry("ind", "id"),
                    Map.entry("ita", "it"),
                    Map.entry("jpn", "ja"),
                    Map.entry("kor", "ko"),
                    Map.entry("nld", "nl"),
                    Map.entry("pes", "fa"),
                    Map.entry("por", "pt"),
                    Map.entry("rus", "ru"),
                    Map.entry("spa", "es"),
                    Map.entry("tha", "th"),
                    Map.entry("tur", "tr"),
                    Map.entry("ukr", "uk"),
                    Map.entry("vie", "vi"),
                    Map.entry("zho", "zh"),
                    Map.entry("zsm", "ms"),
                    Map.entry("hau", "ha"),
                    Map.entry("swa", "sw"),
                    Map.entry("pcm", "pcm"));

    private TopicDatasets() {}

    /**
     * The benchmark folder: the first {@code shared/bench/topics} in or beside {@code dir} or one
     * of its parents (the shared material lies beside the checkout), else {@code
     * ../shared/bench/topics}.
     */
    public static Path findShared(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            for (Path candidate :
                    List.of(
                            d.resolve("shared/bench/topics"),
                            d.resolveSibling("shared/bench/topics"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return Path.of("../shared/bench/topics");
    }

    /** The tagger's language code of a dataset folder name ({@code zho_Hant} → {@code zh}). */
    public static String language(String set) {
        String iso3 = set.contains("_") ? set.substring(0, set.indexOf('_')) : set;
        return LANGUAGES.getOrDefault(iso3, iso3);
    }

    /** The IPTC topic of a label of {@code dataset}; null when it has none. */
    public static @Nullable IptcTopic map(String dataset, String label) {
        String code = (dataset.equals(SIB_200) ? SIB_LABELS : MASAKHA_LABELS).get(label);
        return code == null ? null : IptcTopic.expectByCode(code);
    }

    /**
     * Reads {@code split} ({@code train}, {@code dev}, {@code test}) of {@code dataset} for every
     * language folder under {@code root/dataset} that has it.
     */
    public static List<TopicExample> read(Path root, String dataset, String split)
            throws IOException {
        Objects.requireNonNull(root, "root can't be null");
        Path dir = root.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> sets = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(sets::add);
        }
        Collections.sort(sets);
        List<TopicExample> out = new ArrayList<>();
        for (Path set : sets) {
            Path file = set.resolve(split + ".tsv");
            if (Files.isRegularFile(file)) {
                out.addAll(readFile(dataset, set.getFileName().toString(), file));
            }
        }
        return out;
    }

    private static List<TopicExample> readFile(String dataset, String set, Path file)
            throws IOException {
        List<List<String>> rows;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = Tsv.read(r);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0);
        int category = header.indexOf("category");
        int text = header.indexOf("text");
        int headline = header.indexOf("headline");
        int url = header.indexOf("url");
        int id = header.indexOf("index_id");
        if (category < 0 || text < 0) {
            throw new IOException(file + ": no category or text column in " + header);
        }
        String language = language(set);
        List<TopicExample> out = new ArrayList<>(rows.size() - 1);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != header.size()) {
                throw new IOException(file + ": row of " + row.size() + " fields: " + row);
            }
            String label = row.get(category).trim();
            out.add(
                    new TopicExample(
                            dataset,
                            language,
                            set,
                            label,
                            map(dataset, label),
                            headline < 0 ? "" : row.get(headline).trim(),
                            row.get(text).trim(),
                            url < 0 ? "" : row.get(url).trim(),
                            id < 0 ? "" : row.get(id).trim()));
        }
        return out;
    }
}
