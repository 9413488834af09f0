package dev.newsflow.ingest;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.FetchConfig;
import dev.newsflow.core.config.NewsflowConfig;
import java.util.Map;

/** Configurations for ingest tests: the defaults without the built-in feeds, plus overrides. */
public final class TestConfigs {
    private TestConfigs() {}

    /** The defaults with no feeds and {@code overrides} (key, value, key, value…). */
    public static NewsflowConfig config(Object... overrides) {
        ConfigLoader loader = ConfigLoader.builder().env(Map.of()).set("ingest.feeds.file", "");
        for (int i = 0; i < overrides.length; i += 2) {
            loader.set((String) overrides[i], overrides[i + 1]);
        }
        return loader.load();
    }

    /**
     * A fetch config for tests against local servers: private networks allowed unless overridden,
     * no politeness delay, a short deadline.
     */
    public static FetchConfig fetch(Object... overrides) {
        Object[] all = new Object[overrides.length + 6];
        all[0] = "ingest.fetch.allow.private.networks";
        all[1] = true;
        all[2] = "ingest.fetch.host.delay.ms";
        all[3] = 0;
        all[4] = "ingest.fetch.timeout.ms";
        all[5] = 5000;
        System.arraycopy(overrides, 0, all, 6, overrides.length);
        return config(all).ingest().fetch();
    }
}
