package dev.newsflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupInstanceIdsTest {
    @TempDir Path dir;

    @Test
    void shouldKeepOneNamePerFileAcrossCalls() throws Exception {
        Path file = dir.resolve("state/app.instance-id");

        String first = GroupInstanceIds.persistent(file, "app-");
        String again = GroupInstanceIds.persistent(file, "app-");
        String other = GroupInstanceIds.persistent(dir.resolve("other/app.instance-id"), "app-");

        assertThat(first).matches("app-[0-9a-f]{16}");
        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(file, StandardCharsets.UTF_8).strip()).isEqualTo(first);
        assertThat(other).matches("app-[0-9a-f]{16}").isNotEqualTo(first);
    }

    @Test
    void shouldReplaceAFileThatHoldsNoValidName() throws Exception {
        Path file = dir.resolve("app.instance-id");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        String fromEmpty = GroupInstanceIds.persistent(file, "app-");
        Files.writeString(file, "not a name\n", StandardCharsets.UTF_8);
        String fromGarbage = GroupInstanceIds.persistent(file, "app-");

        assertThat(fromEmpty).matches("app-[0-9a-f]{16}");
        assertThat(fromGarbage).matches("app-[0-9a-f]{16}").isNotEqualTo(fromEmpty);
        assertThat(GroupInstanceIds.persistent(file, "app-")).isEqualTo(fromGarbage);
    }

    @Test
    void shouldReadANameWrittenByHand() throws Exception {
        Path file = dir.resolve("app.instance-id");
        Files.writeString(file, "enrich-eu-1\n", StandardCharsets.UTF_8);

        assertThat(GroupInstanceIds.persistent(file, "app-")).isEqualTo("enrich-eu-1");
    }

    @Test
    void shouldAgreeOnOneNameWhenStartedTogether() throws Exception {
        for (int round = 0; round < 50; round++) {
            Path file = dir.resolve("race-" + round + "/app.instance-id");
            int callers = 4;
            CyclicBarrier start = new CyclicBarrier(callers);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<String>> names = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    names.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        return GroupInstanceIds.persistent(file, "app-");
                                    }));
                }
                List<String> got = new ArrayList<>();
                for (Future<String> name : names) {
                    got.add(name.get());
                }
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                assertThat(got).containsOnly(kept);
                try (var left = Files.list(file.getParent())) {
                    assertThat(left).as("no temporary file left").hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
