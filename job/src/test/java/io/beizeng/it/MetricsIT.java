package io.beizeng.it;

import io.beizeng.sink.Outputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengPipeline;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's own metrics, read through a metric reporter, reconcile with the audit tables of the same run: per source
 * received, accepted, duplicates and rejected by reason; and the gauges exist.
 */
class MetricsIT {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(REPORTER.addToConfiguration(new Configuration()));

    @Test
    void countersReconcileWithTheAuditTables() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 7L, 20);
        Path dir = Files.createTempDirectory("metrics-it");
        world.writeJsonLines(dir);
        String db = POSTGRES.createDatabase();
        JdbcTarget target = new JdbcTarget(db, POSTGRES.user(), POSTGRES.password());
        Migrations.migrate(target);
        Configuration conf = BeizengPipeline.jobConfiguration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobSettings settings = JobSettings.defaults();
        BeizengPipeline.build(plan, settings, InputStreams.fromFiles(env, plan, settings, dir),
                Outputs.jdbc(target, 200));
        JobID job = env.execute("metrics").getJobID();

        ResultTables tables = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        Map<String, Long> sums = new HashMap<>();
        boolean lagGauge = false;
        boolean lastUpdateGauge = false;
        Map<String, Long> latestEvent = new HashMap<>();
        long rowsWritten = 0;
        long progressUpserts = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> g : REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (!job.toString().equals(vars.get("<job_id>"))) {
                continue;
            }
            for (Map.Entry<String, Metric> e : g.getValue().entrySet()) {
                String source = vars.get("<source>");
                if (e.getValue() instanceof Counter c && source != null) {
                    String reason = vars.get("<reason>");
                    sums.merge(source + (reason == null ? "" : ".reason." + reason) + "." + e.getKey(), c.getCount(),
                            Long::sum);
                }
                if (e.getValue() instanceof Counter c && e.getKey().equals("districtProgressRowsWritten")) {
                    rowsWritten += c.getCount();
                }
                if (e.getValue() instanceof Counter c && e.getKey().equals("upserts")
                        && "district_progress".equals(vars.get("<table>"))) {
                    progressUpserts += c.getCount();
                }
                lagGauge |= e.getKey().equals("eventTimeLagMs") && e.getValue() instanceof Gauge;
                lastUpdateGauge |= e.getKey().equals("lastUpdateMs") && e.getValue() instanceof Gauge;
                if (e.getKey().equals("latestEventMs") && e.getValue() instanceof Gauge<?> latest) {
                    latestEvent.merge(vars.get("<region>"), ((Number) latest.getValue()).longValue(), Math::max);
                }
            }
        }
        assertThat(lagGauge).as("event-time lag gauge").isTrue();
        assertThat(rowsWritten).isPositive();
        assertThat(progressUpserts).as("every row handed to the sink is upserted").isEqualTo(rowsWritten);
        assertThat(lastUpdateGauge).as("per-region last-update gauge").isTrue();
        // the latest event time per region: its greatest is the world's latest event (the last reports are accepted)
        long latestInWorld = Long.MIN_VALUE;
        for (var r : world.production) {
            if (r.fact() instanceof io.beizeng.testing.TestWorld.Production p) {
                latestInWorld = Math.max(latestInWorld, p.ts());
            }
        }
        assertThat(latestEvent).as("per-region latest event time").hasSize(plan.districts().size());
        assertThat(latestEvent.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo(latestInWorld);
        for (Map.Entry<String, Reference.Audit> a : tables.audit.entrySet()) {
            String s = a.getKey();
            assertThat(sums.get(s + ".received")).as(s + " received").isEqualTo(a.getValue().received());
            assertThat(sums.getOrDefault(s + ".accepted", 0L)).as(s + " accepted").isEqualTo(a.getValue().accepted());
            assertThat(sums.getOrDefault(s + ".duplicates", 0L)).as(s + " duplicates").isEqualTo(a.getValue().duplicates());
        }
        Map<String, Long> byReason = new HashMap<>();
        tables.rejected.forEach((key, reason) -> byReason.merge(key.substring(0, key.indexOf('|')) + ".reason." + reason
                + ".rejected", 1L, Long::sum));
        assertThat(byReason).isNotEmpty();
        byReason.forEach((k, v) -> assertThat(sums.get(k)).as(k).isEqualTo(v));
    }
}
