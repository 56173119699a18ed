package io.beizeng.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
    private static String classpath(String... entries) {
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void theBaselineReplacesTheJobsJarAndKeepsTheLibraries() {
        String cp = classpath("/w/bench/target/classes", "/w/job/target/beizeng-job-0.1.0-SNAPSHOT.jar",
                "/m2/flink-core-2.2.0.jar", "/m2/beizeng-jobless-1.jar");
        assertThat(Benchmark.withJobJar(cp, Path.of("/tmp/old/beizeng-job-0.1.0-SNAPSHOT.jar"))).isEqualTo(classpath(
                "/w/bench/target/classes", "/tmp/old/beizeng-job-0.1.0-SNAPSHOT.jar", "/m2/flink-core-2.2.0.jar",
                "/m2/beizeng-jobless-1.jar"));
    }

    @Test
    void theJobsClassesDirectoryCountsAsItsJar() {
        String cp = classpath("/w/bench/target/classes", "/w/job/target/classes", "/m2/flink-core-2.2.0.jar");
        assertThat(Benchmark.withJobJar(cp, Path.of("/tmp/old.jar")))
                .isEqualTo(classpath("/w/bench/target/classes", "/tmp/old.jar", "/m2/flink-core-2.2.0.jar"));
    }

    @Test
    void aClasspathWithoutTheJobIsAnError() {
        assertThatThrownBy(() -> Benchmark.withJobJar(classpath("/w/bench/target/classes", "/m2/flink-core.jar"),
                Path.of("/tmp/old.jar"))).hasMessageContaining("found it 0 times");
    }

    private static Measured run(String contender, double readSeconds) {
        return new Measured(contender, 1_000_000, readSeconds + 5, readSeconds, 10, 100, 2);
    }

    @Test
    void ratiosArePairedRoundByRoundAndTheirMedianDiffersFromTheRatioOfMedians() {
        // job 100k, 50k, 80k events/s; limit 200k, 200k, 100k: per round 0.5, 0.25, 0.8, median 0.5; the ratio of the
        // medians would be 80k / 200k = 0.4
        java.util.List<Measured> job = java.util.List.of(run("job", 10), run("job", 20), run("job", 12.5));
        java.util.List<Measured> limit = java.util.List.of(run("limit", 5), run("limit", 5), run("limit", 10));
        double[] ratios = Benchmark.pairedRatios(job, limit, Measured::perSecond);
        assertThat(ratios).containsExactly(0.5, 0.25, 0.8);
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        assertThat(Benchmark.median(sorted)).isEqualTo(0.5);
        assertThatThrownBy(() -> Benchmark.pairedRatios(job, limit.subList(0, 2), Measured::perSecond))
                .hasMessageContaining("unpaired");
    }

    @Test
    void cpuPerEventLeavesTheStartUpOutAndAnEarlierBuildsLineStillParses() {
        Measured m = Measured.parse(new Measured("job", 2_000_000, 30, 25, 14, 900, 4).line());
        assertThat(m.cpuMicrosPerEvent()).isEqualTo(5.0);
        assertThat(m.cpuMicrosPerEventWithStartup()).isEqualTo(7.0);
        Measured old = Measured.parse("RESULT job 2000000 30.0 25.0 14.0 900");
        assertThat(old.cpuMicrosPerEventWithStartup()).isEqualTo(7.0);
        assertThat(old.cpuMicrosPerEvent()).isNaN();
    }
}
