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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            Map<String, String> legends = new LinkedHashMap<>();
            for (JsonNode panel : JSON.readTree(DOCKER.resolve("grafana/dashboards/job-health.json").toFile()).path("panels")) {
                assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                        .as("unit of %s", panel.path("title").asText()).isNotEmpty();
                for (JsonNode t : panel.path("targets")) {
                    String key = panel.path("title").asText() + " / " + t.path("refId").asText();
                    promql.put(key, t.path("expr").asText());
                    legends.put(key, t.path("legendFormat").asText());
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
            // a legend names labels its query returns ("{{table}}"), else Grafana prints the braces
            for (Map.Entry<String, String> legend : legends.entrySet()) {
                Matcher label = Pattern.compile("\\{\\{(.*?)}}").matcher(legend.getValue());
                JsonNode series = prometheus.query(promql.get(legend.getKey())).get(0).path("metric");
                while (label.find()) {
                    assertThat(label.group(1)).as("legend %s of %s", legend.getValue(), legend.getKey())
                            .matches("[a-z_]+").satisfies(l -> assertThat(series.has(l)).as("%s has %s", series, l).isTrue());
                }
            }
        } finally {
            job.cancel().get();
        }

        // Grafana reads as beizeng_reader (docker/postgres/create-reader.sh), so the panels are run as a login of it
        try (Connection admin = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = admin.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dashboards_login') THEN"
                    + " CREATE ROLE dashboards_login LOGIN PASSWORD 'dashboards-secret-3' IN ROLE beizeng_reader;"
                    + " END IF; END $$");
        }
        JsonNode dashboard = JSON.readTree(DOCKER.resolve("grafana/dashboards/plan-progress.json").toFile());
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("plan");
        try (Connection c = DriverManager.getConnection(db, "dashboards_login", "dashboards-secret-3");
                Statement s = c.createStatement()) {
            List<String> plans = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(variable.path("query").asText())) {
                while (rs.next()) {
                    plans.add(rs.getString(1));
                }
            }
            assertThat(plans).containsExactly(plan.planId());
            for (JsonNode panel : dashboard.path("panels")) {
                String title = panel.path("title").asText();
                assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).as("unit of %s", title)
                        .isNotEmpty();
                for (JsonNode t : panel.path("targets")) {
                    String sql = t.path("rawSql").asText();
                    try (ResultSet rs = s.executeQuery(sql.replace("$plan", plan.planId()))) {
                        assertThat(rs.next()).as("panel %s returns rows", title).isTrue();
                        if (panel.path("type").asText().equals("barchart")) {
                            for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                                assertThat(rs.getMetaData().getColumnLabel(i)).as("bars of %s", title)
                                        .isNotIn("rank", "status");
                            }
                        }
                    }
                    if (title.startsWith("Ingest audit")) {
                        continue; // the input's audit: no plan of its own
                    }
                    // the plan variable filters every panel: another plan's name shows nothing of this one
                    assertThat(sql).as("panel %s filters by plan", title).contains("plan_id = '$plan'");
                    try (ResultSet rs = s.executeQuery(sql.replace("$plan", "another-plan"))) {
                        assertThat(rs.next()).as("panel %s for another plan", title).isFalse();
                    }
                }
            }
        }
    }
}
