package dev.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostGateTest {
    private final HostGate gate = new HostGate();

    @Test
    void shouldLetOneCallerAtATimeIntoAHost() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            done.add(
                    pool.submit(
                            () -> {
                                start.await();
                                for (int i = 0; i < 20; i++) {
                                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                                    if (gate.acquire("a.example", deadline).granted()) {
                                        int n = inside.incrementAndGet();
                                        maxInside.accumulateAndGet(n, Math::max);
                                        Thread.sleep(1);
                                        inside.decrementAndGet();
                                        granted.incrementAndGet();
                                        gate.release("a.example", 0);
                                    }
                                }
                                return null;
                            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(maxInside).hasValue(1);
        assertThat(granted.get()).isGreaterThan(20);
    }

    @Test
    void shouldKeepTheDelayBetweenTwoRequests() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        assertThat(gate.acquire("a.example", deadline).granted()).isTrue();
        gate.release("a.example", TimeUnit.MILLISECONDS.toNanos(300));
        long released = System.nanoTime();

        assertThat(gate.acquire("a.example", deadline).granted()).isTrue();

        assertThat(System.nanoTime() - released)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
        // another host is not held back
        assertThat(gate.acquire("b.example", System.nanoTime()).granted()).isTrue();
    }

    @Test
    void shouldTurnAwayACallerThatWouldWaitPastItsDeadline() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        assertThat(gate.acquire("a.example", deadline).granted()).isTrue();
        gate.release("a.example", TimeUnit.SECONDS.toNanos(60));

        long before = System.nanoTime();
        HostGate.Admission a = gate.acquire("a.example", deadline);

        assertThat(a.granted()).isFalse();
        assertThat(a.retryAtNanos() - before).isGreaterThan(TimeUnit.SECONDS.toNanos(55));
        // turned away at once, not after waiting for the deadline
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void shouldHoldAHostOffUntilAskedTo() {
        gate.holdOff("a.example", System.nanoTime() + TimeUnit.MINUTES.toNanos(10));

        HostGate.Admission a =
                gate.acquire("a.example", System.nanoTime() + TimeUnit.SECONDS.toNanos(5));

        assertThat(a.granted()).isFalse();
        assertThat(a.retryAtNanos() - System.nanoTime()).isGreaterThan(TimeUnit.MINUTES.toNanos(9));
    }

    @Test
    void shouldLetOnlyOneCallerWaitPerHost() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        assertThat(gate.acquire("a.example", deadline).granted()).isTrue();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Boolean> waiter =
                pool.submit(
                        () -> {
                            waiting.countDown();
                            return gate.acquire("a.example", deadline).granted();
                        });
        waiting.await();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> gate.waiting("a.example") == 1);

        HostGate.Admission third = gate.acquire("a.example", deadline);
        gate.release("a.example", 0);

        assertThat(third.granted()).isFalse();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
    }
}
