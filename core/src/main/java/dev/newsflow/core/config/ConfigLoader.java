package dev.newsflow.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.LinkRules;
import dev.newsflow.core.kafka.GroupInstanceIds;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link NewsflowConfig} from its layers: the defaults in the jar ({@code
 * newsflow-defaults.yaml}), then a YAML file, then {@code NEWSFLOW_*} environment variables, then
 * explicit overrides (command-line flags). Every problem is collected and reported at once in a
 * {@link ConfigException}.
 *
 * <p>Environment variables map to keys by dropping {@code NEWSFLOW_}, lower-casing and turning
 * {@code _} into {@code .}: {@code NEWSFLOW_SINK_JDBC_URL} sets {@code sink.jdbc.url}. {@code
 * NEWSFLOW_CONFIG} names the YAML file when none is given explicitly.
 */
public final class ConfigLoader {
    /** Environment variable naming the config file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "NEWSFLOW_CONFIG";

    private static final String ENV_PREFIX = "NEWSFLOW_";
    private static final String DEFAULTS = "newsflow-defaults.yaml";
    private static final List<String> PASS_THROUGH =
            List.of("kafka.", "ingest.kafka.", "enrich.kafka.", "sink.kafka.");
    private static final Set<String> FEED_KEYS =
            Set.of(
                    "id",
                    "url",
                    "name",
                    "type",
                    "language",
                    "poll.interval.minutes",
                    "poll.interval.ms",
                    "full.text",
                    "links.selector",
                    "links.title.selector",
                    "links.date.selector",
                    "links.teaser.selector",
                    "links.include",
                    "links.exclude");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private @Nullable Path file;
    private Map<String, String> env = Map.of();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Path workingDir = Path.of("").toAbsolutePath();

    private ConfigLoader() {}

    /** Starts a loader with only the defaults. */
    public static ConfigLoader builder() {
        return new ConfigLoader();
    }

    /** Loads the defaults only; for tests and tools. */
    public static NewsflowConfig defaults() {
        return builder().load();
    }

    /** The YAML file layer, or null for none. */
    public ConfigLoader file(@Nullable Path file) {
        this.file = file;
        return this;
    }

    /** The environment layer; only {@code NEWSFLOW_*} variables are read. */
    public ConfigLoader env(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env can't be null");
        return this;
    }

    /** Sets one key in the top layer (command-line flags, tests). */
    public ConfigLoader set(String key, Object value) {
        overrides.put(Objects.requireNonNull(key, "key can't be null"), String.valueOf(value));
        return this;
    }

    /** The directory relative paths given outside a config file resolve against. */
    public ConfigLoader workingDir(Path dir) {
        this.workingDir = dir.toAbsolutePath();
        return this;
    }

    /**
     * Loads and validates the configuration.
     *
     * @throws ConfigException listing every problem, if there is any
     */
    public NewsflowConfig load() {
        List<String> problems = new ArrayList<>();
        Map<String, ConfigValue> values = new HashMap<>();
        JsonNode defaults = readYamlResource(DEFAULTS);
        flatten("", defaults, "defaults", values, problems);

        Path configFile = file;
        if (configFile == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            configFile = workingDir.resolve(env.get(CONFIG_ENV));
        }
        Path fileDir = workingDir;
        JsonNode fileFeeds = null;
        if (configFile != null) {
            Path abs = workingDir.resolve(configFile).toAbsolutePath().normalize();
            fileDir = abs.getParent();
            try {
                JsonNode root = readYamlFile(abs);
                if (root != null && root.isObject()) {
                    fileFeeds = root.get("feeds");
                    ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove("feeds");
                    flatten("", root, abs.toString(), values, problems);
                } else if (root != null && !root.isNull() && !root.isMissingNode()) {
                    problems.add(abs + ": the config file must be a YAML mapping");
                }
            } catch (IOException e) {
                problems.add("cannot read config file " + abs + ": " + e.getMessage());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ENV_PREFIX) && !name.equals(CONFIG_ENV)) {
                String key =
                        name.substring(ENV_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.');
                values.put(key, new ConfigValue(e.getValue(), "env " + name));
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            values.put(e.getKey(), new ConfigValue(e.getValue(), "command line"));
        }

        ConfigReader r = new ConfigReader(values);
        r.problems().addAll(problems);
        NewsflowConfig config = parse(r, fileDir, fileFeeds);
        r.reportUnknownKeys();
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return config;
    }

    private NewsflowConfig parse(ConfigReader r, Path fileDir, @Nullable JsonNode fileFeeds) {
        Path dataDir = path(r, "data.dir", fileDir);

        Map<String, Map<String, String>> perService = new HashMap<>();
        for (String service : List.of("ingest", "enrich", "sink")) {
            perService.put(service, r.passThrough(service + ".kafka."));
        }
        String bootstrap = r.string("kafka.bootstrap.servers");
        if (bootstrap.isEmpty()) {
            r.bad("kafka.bootstrap.servers", "must not be empty");
        }
        Map<String, String> common = r.passThrough("kafka.");
        common.remove("bootstrap.servers");
        KafkaSettings kafka = new KafkaSettings(bootstrap, common, perService);

        TopicsConfig topics =
                new TopicsConfig(
                        r.intValue("topics.partitions", 1, 10_000),
                        (short) r.intValue("topics.replication.factor", 1, 32),
                        r.bool("topics.create"));

        String brokerDir = r.string("broker.data.dir");
        BrokerConfig broker =
                new BrokerConfig(
                        r.string("broker.host"),
                        r.intValue("broker.port", 0, 65535),
                        r.intValue("broker.controller.port", 0, 65535),
                        brokerDir.isEmpty()
                                ? dataDir.resolve("kafka")
                                : resolve(r, "broker.data.dir", brokerDir, fileDir));

        HttpConfig http = new HttpConfig(r.string("http.host"), r.intValue("http.port", -1, 65535));
        LogConfig log =
                new LogConfig(
                        r.oneOf("log.format", "text", "json"),
                        r.oneOf("log.level", "trace", "debug", "info", "warn", "error")
                                .toUpperCase(Locale.ROOT));

        String proxy = r.string("ingest.fetch.proxy");
        if (!proxy.isEmpty() && !proxy.matches("[^:/\\s]+:\\d{1,5}")) {
            r.bad("ingest.fetch.proxy", "must be host:port");
        }
        FetchConfig fetch =
                new FetchConfig(
                        r.longValue("ingest.fetch.timeout.ms", 1, 3_600_000),
                        r.longValue("ingest.fetch.connect.timeout.ms", 1, 600_000),
                        r.longValue("ingest.fetch.max.bytes", 1024, 1L << 31),
                        r.intValue("ingest.fetch.max.redirects", 0, 20),
                        r.string("ingest.fetch.user.agent"),
                        r.bool("ingest.fetch.allow.private.networks"),
                        proxy.isEmpty() ? null : proxy,
                        r.longValue("ingest.fetch.host.delay.ms", 0, 3_600_000),
                        r.longValue("ingest.fetch.host.max.delay.ms", 0, 86_400_000),
                        r.bool("ingest.fetch.robots.enabled"),
                        r.longValue("ingest.fetch.robots.cache.ms", 1_000, 30L * 24 * 3600 * 1000),
                        resolveMap(r, "ingest.fetch.resolve"));
        // it also names ingest's static member of the feed group, which Kafka restricts to these
        // characters
        String instanceId = instanceName(r, "ingest.instance.id", "empty or a name of");
        if (instanceId.isEmpty()) {
            instanceId = memberName(hostName());
        }
        long defaultPollMs = r.longValue("ingest.poll.interval.ms", 1_000, 7L * 24 * 3600 * 1000);
        IngestConfig ingest =
                new IngestConfig(
                        instanceId,
                        r.intValue("ingest.threads", 1, 512),
                        defaultPollMs,
                        r.intValue("ingest.seen.max.items", 10, 1_000_000),
                        r.intValue("ingest.feed.max.items", 1, 1_000_000),
                        fetch,
                        pollConfig(r),
                        new PageConfig(
                                r.intValue("ingest.page.min.chars", 0, 1_000_000),
                                r.intValue("ingest.page.max.per.poll", 0, 10_000),
                                r.longValue("ingest.page.budget.ms", 1_000, 3_600_000)));

        String stateDir = r.string("enrich.state.dir");
        List<String> languages = r.list("enrich.lang.languages");
        for (String lang : languages) {
            if (!lang.matches("[a-z]{2,3}")) {
                r.bad("enrich.lang.languages", "'" + lang + "' is not an ISO 639-1 code");
            }
        }
        if (languages.isEmpty()) {
            r.bad("enrich.lang.languages", "must name at least one language");
        }
        String langAccuracy = r.string("enrich.lang.accuracy");
        if (!List.of("high", "low", "lingua-high").contains(langAccuracy)) {
            r.bad("enrich.lang.accuracy", "must be high, low or lingua-high");
        }
        List<String> routeLanguages = r.list("enrich.route.languages");
        for (String lang : routeLanguages) {
            if (!lang.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                r.bad("enrich.route.languages", "'" + lang + "' is not a BCP-47 language tag");
            }
        }
        EnrichConfig enrich =
                new EnrichConfig(
                        r.string("enrich.application.id"),
                        stateDir.isEmpty()
                                ? dataDir.resolve("streams")
                                : resolve(r, "enrich.state.dir", stateDir, fileDir),
                        r.intOrAuto(
                                "enrich.stream.threads", 1, 64, EnrichConfig.AUTO_STREAM_THREADS),
                        languages,
                        r.doubleValue("enrich.lang.min.confidence", 0.0, 1.0),
                        r.intValue("enrich.lang.max.chars", 50, 1_000_000),
                        r.intValue("enrich.dedup.retention.days", 1, 3650),
                        langAccuracy,
                        r.bool("enrich.lang.preload"),
                        r.intValue("enrich.lang.verify.max.chars", 50, 1_000_000),
                        r.intValue("enrich.lang.first.pass.chars", 0, 1_000_000),
                        r.bool("enrich.lang.tld.hints"),
                        new TopicTaggerConfig(
                                r.bool("enrich.topic.enabled"),
                                r.doubleValue("enrich.topic.threshold", 0.0, 1.0),
                                r.intValue("enrich.topic.max.topics", 1, 17),
                                r.intValue("enrich.topic.keyword.min.hits", 2, 100),
                                r.intValue("enrich.topic.max.chars", 100, 1_000_000)),
                        r.intValue("enrich.standby.replicas", 0, 16),
                        routeLanguages,
                        r.longValue("enrich.cluster.wait.ms", 100, 3_600_000),
                        r.intValue("enrich.cluster.index.partitions", 1, 1024),
                        r.doubleValue("enrich.cluster.min.jaccard", 0.01, 1.0),
                        r.doubleValue("enrich.cluster.min.containment", 0.01, 1.0),
                        instanceName(r, "enrich.instance.id", "auto, none or a name of"));

        String jdbcUrl = r.string("sink.jdbc.url");
        if (jdbcUrl.isEmpty()) {
            jdbcUrl = "jdbc:sqlite:" + dataDir.resolve("newsflow.db");
        } else if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            r.bad("sink.jdbc.url", "must be a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        SinkConfig sink =
                new SinkConfig(
                        jdbcUrl,
                        r.string("sink.jdbc.user"),
                        r.string("sink.jdbc.password"),
                        r.string("sink.group.id"),
                        r.intValue("sink.batch.size", 1, 100_000),
                        r.intValue("sink.jdbc.pool.size", 1, 256),
                        r.intValue("sink.retention.days", 0, 36_500),
                        r.longValue("sink.retention.interval.ms", 1_000, 7L * 24 * 3600 * 1000),
                        r.intValue("sink.retention.batch.size", 1, 1_000_000),
                        instanceName(r, "sink.instance.id", "empty or a name of"));

        List<FeedDefinition> feeds = new ArrayList<>();
        if (fileFeeds != null) {
            parseFeeds(fileFeeds, "feeds", fileDir, defaultPollMs, r, feeds);
        }
        String feedsFile = r.string("ingest.feeds.file");
        if (!feedsFile.isEmpty()) {
            readFeedsFile(
                    feedsFile, baseFor(r, "ingest.feeds.file", fileDir), defaultPollMs, r, feeds);
        }
        return new NewsflowConfig(
                dataDir, kafka, topics, broker, http, log, ingest, enrich, sink, dedupe(feeds, r));
    }

    /** A static group member's name ({@link GroupInstanceIds#VALID}; the keywords match it too). */
    private static String instanceName(ConfigReader r, String key, String what) {
        String name = r.string(key);
        if (!name.isEmpty() && !GroupInstanceIds.VALID.matcher(name).matches()) {
            r.bad(key, "must be " + what + " 1-128 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static PollConfig pollConfig(ConfigReader r) {
        long day = 24L * 3600 * 1000;
        PollConfig poll =
                new PollConfig(
                        r.bool("ingest.poll.adaptive"),
                        r.longValue("ingest.poll.min.interval.ms", 1_000, 7 * day),
                        r.longValue("ingest.poll.max.interval.ms", 1_000, 7 * day),
                        r.doubleValue("ingest.poll.jitter.ratio", 0.0, 0.5),
                        r.longValue("ingest.poll.backoff.max.ms", 1_000, 7 * day));
        if (poll.minIntervalMs() > poll.maxIntervalMs()) {
            r.bad(
                    "ingest.poll.min.interval.ms",
                    "must not exceed ingest.poll.max.interval.ms (" + poll.maxIntervalMs() + ")");
        }
        return poll;
    }

    /** Parses {@code host=address,...}; addresses must be IP literals (no DNS at config time). */
    private static Map<String, String> resolveMap(ConfigReader r, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : r.list(key)) {
            int eq = entry.indexOf('=');
            String host = eq < 0 ? "" : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String address = eq < 0 ? "" : entry.substring(eq + 1).trim();
            boolean literal =
                    address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                            || (address.contains(":") && address.matches("[0-9a-fA-F:.]+"));
            if (host.isEmpty() || !literal) {
                r.bad(key, "'" + entry + "' is not host=ip-address");
            } else {
                out.put(host, address);
            }
        }
        return out;
    }

    private void readFeedsFile(
            String location,
            Path base,
            long defaultPollMs,
            ConfigReader r,
            List<FeedDefinition> out) {
        try {
            JsonNode root;
            Path dir;
            if (location.startsWith("classpath:")) {
                root = readYamlResource(location.substring("classpath:".length()));
                dir = workingDir;
            } else {
                Path p = base.resolve(location).toAbsolutePath().normalize();
                root = readYamlFile(p);
                dir = p.getParent();
            }
            JsonNode list = root == null ? null : root.get("feeds");
            if (list == null) {
                r.bad("ingest.feeds.file", "the file has no 'feeds:' list");
                return;
            }
            parseFeeds(list, location + ": feeds", dir, defaultPollMs, r, out);
        } catch (IOException | IllegalStateException e) {
            r.bad("ingest.feeds.file", "cannot read it: " + e.getMessage());
        }
    }

    /** Parses a YAML {@code feeds:} list into definitions, reporting bad entries. */
    static void parseFeeds(
            JsonNode list,
            String where,
            Path baseDir,
            long defaultPollMs,
            ConfigReader r,
            List<FeedDefinition> out) {
        if (!list.isArray()) {
            r.problem(where + ": must be a list of feeds");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode node = list.get(i);
            Map<String, ConfigValue> flat = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            if (node.isTextual()) {
                flat.put("url", new ConfigValue(node.asText(), at));
            } else if (node.isObject()) {
                flatten("", node, at, flat, problems);
            } else {
                r.problem(at + ": must be a URL or a mapping with url, name, …");
                continue;
            }
            problems.forEach(p -> r.problem(at + ": " + p));
            for (String key : flat.keySet()) {
                if (!FEED_KEYS.contains(key)) {
                    r.problem(
                            at
                                    + ": unknown key '"
                                    + key
                                    + "' (known: "
                                    + String.join(", ", new java.util.TreeSet<>(FEED_KEYS))
                                    + ")");
                }
            }
            ConfigValue url = flat.get("url");
            if (url == null || url.value().isBlank()) {
                r.problem(at + ": url is required");
                continue;
            }
            String normalized;
            try {
                normalized = normalizeFeedUrl(url.value().trim(), baseDir);
            } catch (IllegalArgumentException e) {
                r.problem(at + ": url '" + url.value() + "' " + e.getMessage());
                continue;
            }
            String type = value(flat, "type", FeedDefinition.TYPE_FEED).toLowerCase(Locale.ROOT);
            if (!Set.of(
                            FeedDefinition.TYPE_FEED,
                            FeedDefinition.TYPE_SITEMAP,
                            FeedDefinition.TYPE_HTML)
                    .contains(type)) {
                r.problem(at + ": type must be feed, sitemap or html, got '" + type + "'");
            }
            long pollMs = 0;
            try {
                if (flat.containsKey("poll.interval.minutes")) {
                    pollMs =
                            Math.round(
                                    Double.parseDouble(flat.get("poll.interval.minutes").value())
                                            * 60_000);
                } else if (flat.containsKey("poll.interval.ms")) {
                    pollMs = Long.parseLong(flat.get("poll.interval.ms").value());
                }
                if (pollMs < 0 || (pollMs > 0 && pollMs < 1000)) {
                    r.problem(at + ": poll interval must be at least 1 second");
                    pollMs = 0;
                }
            } catch (NumberFormatException e) {
                r.problem(at + ": poll interval is not a number");
            }
            String language = value(flat, "language", "");
            if (!language.isEmpty() && !language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")) {
                r.problem(at + ": language '" + language + "' is not a BCP-47 tag");
            }
            String fullText = value(flat, "full.text", "false").toLowerCase(Locale.ROOT);
            String id = value(flat, "id", ArticleIds.feedId(normalized));
            LinkRules links =
                    new LinkRules(
                            emptyToNull(value(flat, "links.selector", "")),
                            emptyToNull(value(flat, "links.title.selector", "")),
                            emptyToNull(value(flat, "links.date.selector", "")),
                            emptyToNull(value(flat, "links.teaser.selector", "")),
                            emptyToNull(value(flat, "links.include", "")),
                            emptyToNull(value(flat, "links.exclude", "")));
            links.problems().forEach(p -> r.problem(at + ": links." + p));
            if (!links.isAutomatic() && !type.equals(FeedDefinition.TYPE_HTML)) {
                r.problem(at + ": links.* rules apply to type html only");
            }
            out.add(
                    new FeedDefinition(
                            FeedDefinition.SCHEMA_VERSION,
                            id,
                            normalized,
                            emptyToNull(value(flat, "name", "")),
                            type,
                            emptyToNull(language),
                            pollMs,
                            fullText.equals("true") || fullText.equals("yes"),
                            FeedDefinition.ORIGIN_CONFIG,
                            links));
        }
    }

    /**
     * Checks a feed URL and makes {@code file:} URLs absolute, resolving a relative path against
     * {@code baseDir}.
     *
     * @throws IllegalArgumentException if the URL is not http(s) or file, or malformed
     */
    public static String normalizeFeedUrl(String url, Path baseDir) {
        if (url.regionMatches(true, 0, "file:", 0, 5)) {
            String path = url.substring(5);
            if (path.startsWith("//")) {
                try {
                    return Path.of(new URI(url)).toUri().toString();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("is not a valid file: URL", e);
                }
            }
            return baseDir.resolve(path).toAbsolutePath().normalize().toUri().toString();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http, https or file URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("has no host");
        }
        return uri.toString();
    }

    private static List<FeedDefinition> dedupe(List<FeedDefinition> feeds, ConfigReader r) {
        Map<String, FeedDefinition> byId = new LinkedHashMap<>();
        for (FeedDefinition f : feeds) {
            FeedDefinition prev = byId.putIfAbsent(f.id(), f);
            if (prev != null && !prev.url().equals(f.url())) {
                r.problem(
                        "feeds: id '" + f.id() + "' is used by " + prev.url() + " and " + f.url());
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static String value(Map<String, ConfigValue> flat, String key, String def) {
        ConfigValue v = flat.get(key);
        return v == null ? def : v.value().trim();
    }

    private static @Nullable String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private Path path(ConfigReader r, String key, Path fileDir) {
        return resolve(r, key, r.string(key), fileDir);
    }

    /** Relative paths set in the config file resolve against its directory, others against cwd. */
    private Path baseFor(ConfigReader r, String key, Path fileDir) {
        String origin = r.origin(key);
        boolean fromFile =
                origin != null
                        && !origin.equals("defaults")
                        && !origin.startsWith("env ")
                        && !origin.equals("command line");
        return fromFile ? fileDir : workingDir;
    }

    private Path resolve(ConfigReader r, String key, String value, Path fileDir) {
        try {
            return baseFor(r, key, fileDir).resolve(value).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            r.bad(key, "not a valid path");
            return workingDir;
        }
    }

    /** Flattens nested YAML mappings into dotted keys; lists of scalars become comma-separated. */
    static void flatten(
            String prefix,
            JsonNode node,
            String origin,
            Map<String, ConfigValue> out,
            List<String> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (!prefix.isEmpty()) {
                out.put(prefix, new ConfigValue("", origin));
            }
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                flatten(key, e.getValue(), origin, out, problems);
            }
        } else if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    problems.add(prefix + " (from " + origin + "): expected a list of values");
                    return;
                }
                parts.add(item.asText());
            }
            out.put(prefix, new ConfigValue(String.join(",", parts), origin));
        } else {
            out.put(prefix, new ConfigValue(node.asText(), origin));
        }
    }

    private static @Nullable JsonNode readYamlFile(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return YAML.readTree(in);
        }
    }

    private static JsonNode readYamlResource(String name) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is not on the classpath");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /**
     * {@code name} as a valid member name: characters Kafka does not allow in a {@code
     * group.instance.id} become {@code -}, and it is cut to 128 characters.
     */
    static String memberName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean.isEmpty() ? "newsflow" : clean.substring(0, Math.min(clean.length(), 128));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "newsflow";
        }
    }
}
