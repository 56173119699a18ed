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
}
