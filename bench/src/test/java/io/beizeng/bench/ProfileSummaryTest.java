package io.beizeng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real recording of a thread that burns CPU beside one that sleeps: the summary must tell them apart. */
class ProfileSummaryTest {
    @TempDir
    Path dir;

    @Test
    void namesTheThreadThatUsedTheCpuInSamplesAndInCpuTime() throws Exception {
        Path recording = dir.resolve("burn.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofMillis(100));
            r.start();
            Thread burner = new Thread(ProfileSummaryTest::burn, "burner 3 (1/2)#4");
            Thread sleeper = new Thread(() -> sleep(1_500), "sleeper-7");
            burner.start();
            sleeper.start();
            burner.join();
            sleeper.join();
            r.stop();
            r.dump(recording);
        }
        Path summary = dir.resolve("burn-profile.txt");
        ProfileSummary.write(recording, summary);

        List<String> lines = Files.readAllLines(summary);
        assertThat(section(lines, "Execution samples by thread")).first().asString().endsWith("  burner N");
        List<String> cpu = section(lines, "CPU by thread");
        assertThat(cpu).first().asString().endsWith("  burner N");
        assertThat(share(cpu.get(0))).isGreaterThan(30.0);
        assertThat(cpu).noneMatch(l -> l.endsWith("sleeper-N") && share(l) > 10.0);
    }

    /**
     * A thread that lived a tenth of a second has one load sample like the others: weighted by the time it covers,
     * it counts for that tenth, not for a whole sampling period.
     */
    @Test
    void weighsEachLoadByTheTimeItCovers() {
        java.time.Instant t0 = java.time.Instant.parse("2026-12-01T00:00:00Z");
        List<ProfileSummary.CpuLoad> loads = List.of(
                new ProfileSummary.CpuLoad(1, "steady", t0.plusSeconds(10), 0.5),
                new ProfileSummary.CpuLoad(1, "steady", t0.plusSeconds(20), 0.5),
                new ProfileSummary.CpuLoad(2, "brief", t0.plusSeconds(30), 1.0),
                new ProfileSummary.CpuLoad(1, "steady", t0.plusSeconds(30), 0.5));
        var cpu = ProfileSummary.cpuByThread(loads, java.util.Map.of(2L, t0.plusMillis(29_900)), t0);
        assertThat(cpu.get("steady")).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cpu.get("brief")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static List<String> section(List<String> lines, String heading) {
        int start = 0;
        while (!lines.get(start).startsWith(heading)) {
            start++;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static double share(String line) {
        return Double.parseDouble(line.trim().substring(0, line.trim().indexOf(' ')));
    }

    /** About 1.5 s of arithmetic the JIT cannot remove. */
    private static void burn() {
        long until = System.nanoTime() + 1_500_000_000L;
        long x = 1;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
