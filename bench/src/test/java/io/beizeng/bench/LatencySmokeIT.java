package io.beizeng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A smoke run of the latency benchmark: the live job (not bounded) on real Kafka and PostgreSQL, fed at a low rate
 * for a few seconds. Every event sent before the end of the recording must show in district_progress, and every
 * recorded event gets a latency. No timing is asserted.
 */
class LatencySmokeIT {
    @TempDir
    Path dir;

    @Test
    void everyEventSentBecomesVisibleInDistrictProgress() {
        LatencyBenchmark bench = new LatencyBenchmark();
        int code = new CommandLine(bench).execute("--enterprises", "50", "--rate", "500", "--warm-up", "3s",
                "--duration", "5s", "--heap", "768m", "--work-dir", dir.toString());
        assertThat(code).isZero();
        // 8 s at 500 events per second
        assertThat(bench.toSee).isBetween(3_000L, 4_000L);
        assertThat(bench.visible).isEqualTo(bench.toSee);
        // every event sent in the 5 s after the warm-up has its latency (the producer keeps its rate on average, so a
        // stall at its start, as on a slow machine, moves events from the warm-up into the recording)
        assertThat(bench.sentInRecording).isBetween(2_000L, 4_000L);
        assertThat(bench.latencies.getTotalCount()).isEqualTo(bench.sentInRecording);
    }
}
