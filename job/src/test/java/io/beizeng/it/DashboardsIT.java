package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.config.Plan;
import io.beizeng.demo.FreePort;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.sink.PlanCatalog;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.KafkaJob;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.PrometheusServer;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every query of the dashboards and alert rules in docker/ against the real thing: a running job scraped by a real
 * Prometheus for the PromQL of the Job-health dashboard and of the alert rules; the database that job filled for
 * the SQL of the Plan-progress dashboard. A query that returns nothing fails.
 */
class DashboardsIT {
    private static final int METRICS_PORT = FreePort.find();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(prometheusReporter());

    private static Configuration prometheusReporter() {
        Configuration c = new Configuration();
        c.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        c.setString("metrics.reporter.prom.port", String.valueOf(METRICS_PORT));
        c.setString("metrics.reporter.prom.host", "127.0.0.1");
        return c;
    }

    private static final Path DOCKER = Path.of("..", "docker");

    @Test
    void everyDashboardAndAlertQueryReturnsData() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 5L, 25);
        world.produceTo(KAFKA, 2);
        String db = POSTGRES.createDatabase();
        JdbcTarget target = new JdbcTarget(db, POSTGRES.user(), POSTGRES.password());
        Migrations.migrate(target);
        PlanCatalog.write(target, plan);

        // a short idle timeout so that months close and alerts are raised while the job runs
        JobClient job = KafkaJob.of(plan, KAFKA.bootstrapServers(), db, POSTGRES).group("dashboards")
                .updateInterval(Duration.ofMillis(500)).idleTimeout(Duration.ofSeconds(5)).start("dashboards");
        try (PrometheusServer prometheus = new PrometheusServer("127.0.0.1:" + METRICS_PORT)) {
            Map<String, String> promql = new LinkedHashMap<>();
            for (JsonNode panel : JSON.readTree(DOCKER.resolve("grafana/dashboards/job-health.json").toFile()).path("panels")) {
                for (JsonNode t : panel.path("targets")) {
                    promql.put(panel.path("title").asText() + " / " + t.path("refId").asText(), t.path("expr").asText());
                }
            }
            Map<String, Object> rules = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(DOCKER.resolve("prometheus/alerts.yml")));
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    String expr = ((String) rule.get("expr")).strip();
                    // the series part of "<series> <comparison> <threshold>" or of "absent(<series>)": a running
                    // job must make it return data, or the rule could never fire (or would fire for ever)
                    String series = expr.startsWith("absent(") && expr.endsWith(")")
                            ? expr.substring("absent(".length(), expr.length() - 1)
                            : expr.replaceFirst("\\s*(>|<|==|!=|>=|<=)\\s*[0-9.]+\\s*$", "");
                    assertThat(series).as("rule %s compares its series with a threshold or tests its absence",
                            rule.get("alert")).isNotEqualTo(expr);
                    promql.put("alert " + rule.get("alert"), series);
                }
            }
            assertThat(promql).hasSizeGreaterThan(15);
            // scrape for a while: rates need two samples, checkpoints need to complete
            Map<String, String> empty = new LinkedHashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                Thread.sleep(2000);
                empty.clear();
                for (Map.Entry<String, String> q : promql.entrySet()) {
                    if (prometheus.query(q.getValue()).isEmpty()) {
                        empty.put(q.getKey(), q.getValue());
                    }
                }
            } while (!empty.isEmpty() && System.nanoTime() < deadline);
            if (!empty.isEmpty()) {
                List<String> names = new ArrayList<>();
                prometheus.names().forEach(n -> names.add(n.asText()));
                throw new AssertionError("queries without data: " + empty + "\nseries scraped: " + names);
            }
        } finally {
            job.cancel().get();
        }

        try (Connection c = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = c.createStatement()) {
            for (JsonNode panel : JSON.readTree(DOCKER.resolve("grafana/dashboards/plan-progress.json").toFile()).path("panels")) {
                for (JsonNode t : panel.path("targets")) {
                    try (ResultSet rs = s.executeQuery(t.path("rawSql").asText())) {
                        assertThat(rs.next()).as("panel %s returns rows", panel.path("title").asText()).isTrue();
                    }
                }
            }
        }
    }
}
