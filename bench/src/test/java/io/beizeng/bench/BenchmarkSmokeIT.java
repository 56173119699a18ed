package io.beizeng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A smoke run of the benchmark: a small world, one round. Every contender runs on real Kafka and PostgreSQL,
 * and both SQL jobs agree with the job on every district-month (the benchmark fails otherwise). No timing is asserted.
 */
class BenchmarkSmokeIT {
    @TempDir
    Path dir;

    @Test
    void everyContenderRunsAndBothSqlJobsAgreeWithTheJob() {
        Benchmark bench = new Benchmark();
        int code = new CommandLine(bench).execute("--enterprises", "40", "--granularity", "DAILY", "--years", "2",
                "--rounds", "1", "--heap", "768m", "--work-dir", dir.toString(), "--require-agreement");
        assertThat(code).isZero();
        assertThat(bench.measured).containsOnlyKeys("limit", "job", "sql", "sql-tuned");
        assertThat(bench.agreement).hasSize(2).allSatisfy(a -> assertThat(a).contains("agree on all"));
        long records = bench.measured.get("limit").get(0).records();
        assertThat(records).isGreaterThan(20_000);
        for (var runs : bench.measured.values()) {
            assertThat(runs).singleElement().satisfies(m -> {
                assertThat(m.records()).as(m.contender() + " saw every record").isEqualTo(records);
                assertThat(m.cpuSeconds()).isPositive();
            });
        }
    }
}
