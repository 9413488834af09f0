package dev.newsflow.deploy.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-stage throughput over the last hour, from the cumulative counters of the meter registry:
 * {@link #sample()} records every stage's total (the status page calls it on a timer), {@link
 * #series} turns the samples into counts per bucket. Only the stages whose meters exist in this
 * process are reported, so each service shows its own part. Thread-safe.
 */
public final class ThroughputHistory {
    /** A stage and the counter (all tag values summed) that counts its records. */
    public record StageMeter(String stage, String meter) {}

    /** The stages of the pipeline, in flow order. */
    public static final List<StageMeter> STAGES =
            List.of(
                    new StageMeter("ingest", "newsflow.ingest.items.new"),
                    new StageMeter("enrich", "newsflow.enrich.records"),
                    new StageMeter("sink", "newsflow.sink.records"));

    /** How far back the history goes: one hour. */
    public static final Duration WINDOW = Duration.ofHours(1);

    private record Sample(Instant at, Map<String, Double> totals) {}

    private final MeterRegistry registry;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public ThroughputHistory(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Records the current totals and forgets samples older than {@link #WINDOW}. */
    public synchronized void sample() {
        Instant now = clock.instant();
        samples.addLast(new Sample(now, totals()));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
            samples.removeFirst();
        }
    }

    /** Every stage's total now, for the stages whose meters exist in this process. */
    public Map<String, Double> totals() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (StageMeter s : STAGES) {
            var counters = registry.find(s.meter()).counters();
            if (!counters.isEmpty()) {
                out.put(s.stage(), counters.stream().mapToDouble(Counter::count).sum());
            }
        }
        return out;
    }

    /**
     * The records of {@code stage} per interval between consecutive samples (oldest first), the
     * last one ending now; empty when the stage is not in this process or nothing was sampled.
     */
    public synchronized List<StatusReport.Point> series(String stage) {
        List<Sample> all = new ArrayList<>(samples);
        all.add(new Sample(clock.instant(), totals()));
        List<StatusReport.Point> out = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            Double before = all.get(i - 1).totals().get(stage);
            Double after = all.get(i).totals().get(stage);
            if (after == null) {
                continue;
            }
            double delta = after - (before == null ? 0 : before);
            out.add(new StatusReport.Point(all.get(i).at(), (long) Math.max(0, delta)));
        }
        return out;
    }

    /** When the oldest sample was taken, or now. */
    public synchronized Instant since() {
        return samples.isEmpty() ? clock.instant() : samples.peekFirst().at();
    }
}
