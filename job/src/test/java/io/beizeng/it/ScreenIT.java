package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.BeizengCommand;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.config.Region;
import io.beizeng.screen.ScreenServer;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.testing.HeadlessChromium;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lit screen in a real headless Chromium against a real PostgreSQL filled by replays: what a person sees (every
 * district's name and completion, every major project's light) equals the independent reference, the page follows new
 * events without reloading, the browser reports no error, names from the plan are shown as text and never run, and
 * the screen connects only as a read-only role.
 */
class ScreenIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "screen_login";
    private static final String READER_PASSWORD = "screen-reader-secret";

    private static Plan plan;
    private static TestWorld world;
    private static Reference reference;
    private static String db;
    private static Path dir;
    private static Path passwordFile;
    private static ScreenServer server;

    @BeforeAll
    static void fillTheDatabaseWithPartOfTheWorld() throws Exception {
        plan = TestPlans.zaozhuang();
        world = TestWorld.generate(plan, 20261206L, 40);
        reference = new Reference(plan, world, 0);
        dir = Files.createTempDirectory("screen-it");
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, POSTGRES.password());
        db = POSTGRES.createDatabase();
        // the first replay sees the first half of the production events only
        Path half = Files.createDirectories(dir.resolve("half"));
        world.writeJsonLines(half);
        Path production = half.resolve("production-events.jsonl");
        byte[] all = Files.readAllBytes(production); // bytes: some records are not UTF-8, on purpose
        int lines = 0;
        for (byte b : all) {
            lines += b == '\n' ? 1 : 0;
        }
        int end = 0;
        for (int seen = 0; seen < lines / 2; end++) {
            seen += all[end] == '\n' ? 1 : 0;
        }
        Files.write(production, java.util.Arrays.copyOf(all, end));
        replay(half);
        try (Connection c = POSTGRES.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER_PASSWORD + "' IN ROLE beizeng_reader");
        }
        server = serve(plan, db);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void replay(Path input) {
        int exit = BeizengCommand.execute("replay", "--input", input.toString(), "--plan",
                TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", db, "--jdbc-user", POSTGRES.user(),
                "--jdbc-password-file", passwordFile.toString(), "--parallelism", "2", "--update-interval", "500ms");
        assertThat(exit).as("replay of " + input).isZero();
    }

    /** The screen of a plan over a database, as the command starts it (the read-only login; a free port). */
    private static ScreenServer serve(Plan p, String database) {
        return ScreenServer.open(p, Indicator.OUTPUT_VALUE, new JdbcTarget(database, READER, READER_PASSWORD),
                new InetSocketAddress("127.0.0.1", 0));
    }

    private static HttpResponse<String> get(URI uri, String method) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The reference's latest month of OUTPUT_VALUE: its district rows by code. */
    private static Map<String, Reference.ProgressRow> latestDistricts() {
        Reference.ProgressRow latest = reference.progress.values().stream()
                .filter(r -> r.indicator().equals("OUTPUT_VALUE"))
                .max(Comparator.comparing((Reference.ProgressRow r) -> r.year() * 12 + r.month())).orElseThrow();
        Map<String, Reference.ProgressRow> rows = new HashMap<>();
        for (Reference.ProgressRow r : reference.progress.values()) {
            if (r.indicator().equals("OUTPUT_VALUE") && r.year() == latest.year() && r.month() == latest.month()
                    && r.regionLevel().equals("DISTRICT")) {
                rows.put(r.regionCode(), r);
            }
        }
        return rows;
    }

    /** The reference's major projects: id → light. */
    private static Map<String, String> majorLights() {
        Map<String, String> lights = new HashMap<>();
        reference.projects.forEach((id, row) -> {
            if ((Boolean) row.get(3)) {
                lights.put(id, (String) row.get(10));
            }
        });
        return lights;
    }

    private static String displayName(Region r) {
        return r.nameEn() == null ? r.name() : r.name() + " " + r.nameEn();
    }

    @Test
    void thePageShowsTheTablesFollowsNewEventsAndReportsNoError() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(1600, 1500)) {
            browser.navigate(server.address().toString());
            browser.waitFor("document.body.dataset.refreshes >= 1", Duration.ofSeconds(30));
            String before = browser.evaluate("document.getElementById('districts-period').textContent").asText();
            assertThat(before).startsWith("OUTPUT_VALUE ");

            // new events arrive: the whole world, replayed into the same tables while the page stays open
            world.writeJsonLines(dir);
            replay(dir);
            browser.waitFor("document.getElementById('districts-period').textContent !== " + JSON.writeValueAsString(before),
                    Duration.ofSeconds(30));
            browser.waitFor("document.body.dataset.refreshes >= 2", Duration.ofSeconds(10));
            Thread.sleep(3_500); // one more refresh, after the replay's last rows

            Map<String, Reference.ProgressRow> expected = latestDistricts();
            JsonNode shown = browser.evaluate("""
                    [...document.querySelectorAll('#districts tbody tr')].map(tr => ({code: tr.dataset.code,
                        cells: [...tr.cells].map(td => td.textContent)}))""");
            assertThat(shown).hasSize(plan.districts().size());
            for (JsonNode row : shown) {
                String code = row.get("code").asText();
                Reference.ProgressRow e = expected.get(code);
                Region region = plan.districts().stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
                assertThat(row.get("cells").get(1).asText()).as(code + " name").isEqualTo(displayName(region));
                assertThat(row.get("cells").get(0).asText()).as(code + " rank").isEqualTo(String.valueOf(e.rank()));
                assertThat(Double.parseDouble(row.get("cells").get(3).asText())).as(code + " completion (%)")
                        .isCloseTo(e.completionRatio() * 100, within(0.05 + 1e-9));
                assertThat(Double.parseDouble(row.get("cells").get(2).asText())).as(code + " YTD (亿元)")
                        .isCloseTo(e.ytdValue().doubleValue() / 1e8, within(0.005 + 1e-9));
            }
            Reference.ProgressRow any = expected.values().iterator().next();
            assertThat(browser.evaluate("document.getElementById('districts-period').textContent").asText())
                    .isEqualTo("OUTPUT_VALUE " + any.year() + "-" + String.format("%02d", any.month()));

            // the key projects' lights: every major project, with the light of project_progress
            JsonNode projects = browser.evaluate("""
                    [...document.querySelectorAll('#projects tbody tr')].map(tr => ({id: tr.dataset.id,
                        light: tr.cells[0].className.replace('light light-', '')}))""");
            Map<String, String> lights = new HashMap<>();
            projects.forEach(p -> lights.put(p.get("id").asText(), p.get("light").asText()));
            assertThat(lights).isEqualTo(majorLights()).isNotEmpty();
            // RED first
            List<String> order = new ArrayList<>();
            projects.forEach(p -> order.add(p.get("light").asText()));
            assertThat(order).isSortedAccordingTo(Comparator.comparing(l -> List.of("RED", "YELLOW", "GREEN").indexOf(l)));

            // the charts are SVG, with every district's name as text
            String chartText = browser.evaluate("document.querySelector('#districts-chart svg').textContent").asText();
            plan.districts().forEach(d -> assertThat(chartText).contains(d.name()));

            assertThat(browser.errors()).as("errors in the browser").isEmpty();
        }
    }

    /**
     * The screen over the generator's world, the demo's (2023 to 2025-10, 300 enterprises): no error in the browser
     * with every part filled, and the screenshot README.md shows ({@code target/screen.png}).
     */
    @Test
    void theGeneratorsWorldOnTheScreen() throws Exception {
        Path generated = Files.createDirectories(dir.resolve("generated"));
        assertThat(BeizengCommand.execute("generate", "--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--out",
                generated.toString(), "--enterprises", "300", "--granularity", "MONTHLY", "--from", "2022-01-01",
                "--to", "2025-10-31")).isZero();
        String generatedDb = POSTGRES.createDatabase();
        assertThat(BeizengCommand.execute("replay", "--input", generated.toString(), "--plan",
                TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", generatedDb, "--jdbc-user", POSTGRES.user(),
                "--jdbc-password-file", passwordFile.toString(), "--parallelism", "2")).isZero();
        try (ScreenServer generatedServer = serve(plan, generatedDb);
                HeadlessChromium browser = HeadlessChromium.start(1600, 1400)) {
            browser.navigate(generatedServer.address().toString());
            browser.waitFor("document.body.dataset.refreshes >= 1", Duration.ofSeconds(30));
            for (String table : List.of("districts", "chains", "projects", "parks", "towns", "alerts")) {
                assertThat(browser.evaluate("document.querySelectorAll('#" + table + " tbody tr').length").asInt())
                        .as(table + " rows").isPositive();
            }
            assertThat(browser.evaluate("document.getElementById('districts-period').textContent").asText())
                    .isEqualTo("OUTPUT_VALUE 2025-10");
            assertThat(browser.errors()).as("errors in the browser").isEmpty();
            Path screenshot = Path.of("target", "screen.png");
            browser.screenshot(screenshot, 0.8);
            assertThat(Files.size(screenshot)).isPositive();
        }
    }

    @Test
    void theApiAnswersFromTheDatabase() throws Exception {
        URI base = server.address();
        HttpResponse<String> districts = get(base.resolve("api/districts"), "GET");
        assertThat(districts.statusCode()).isEqualTo(200);
        assertThat(districts.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(districts.body());
        // the API's figures equal the tables': read them here with SQL
        Map<String, double[]> table = new HashMap<>();
        try (Connection c = POSTGRES.connect(db); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT region_code, completion_ratio, time_progress FROM district_progress "
                        + "WHERE indicator = 'OUTPUT_VALUE' AND region_level = 'DISTRICT' AND year * 12 + month = "
                        + "(SELECT max(year * 12 + month) FROM district_progress WHERE indicator = 'OUTPUT_VALUE')")) {
            while (rs.next()) {
                table.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
            }
        }
        assertThat(body.get("rows")).hasSize(table.size());
        for (JsonNode row : body.get("rows")) {
            double[] t = table.get(row.get("code").asText());
            assertThat(row.get("completion").asDouble()).isEqualTo(t[0]);
            assertThat(row.get("timeProgress").asDouble()).isEqualTo(t[1]);
        }
        JsonNode projects = JSON.readTree(get(base.resolve("api/projects"), "GET").body());
        long total = 0;
        try (Connection c = POSTGRES.connect(db); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT light, count(*) FROM project_progress GROUP BY light")) {
            while (rs.next()) {
                assertThat(projects.get("lights").get(rs.getString(1)).asLong()).isEqualTo(rs.getLong(2));
                total += rs.getLong(2);
            }
        }
        assertThat(total).isPositive();
        // amounts are plain decimals
        assertThat(get(base.resolve("api/headline"), "GET").body()).doesNotContain("E+");

        HttpResponse<String> unknown = get(base.resolve("api/nothing"), "GET");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).startsWith("no such part: /api/nothing");
        assertThat(get(base.resolve("api/screen"), "POST").statusCode()).isEqualTo(405);
        assertThat(get(base.resolve("echarts.min.js"), "GET").body()).contains("echarts");
        assertThat(get(base, "GET").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
    }

    @Test
    void namesFromThePlanAreShownAsTextAndNeverRun() throws Exception {
        String hostile = "<img src=x onerror=window.__injected=1>";
        String sample = Files.readString(TestPlans.ZAOZHUANG_FILE);
        Region first = plan.districts().get(0);
        String text = sample.replace("\"name\": \"" + first.name() + "\"", "\"name\": \"" + hostile + "\"")
                .replace("\"name\": \"" + plan.name() + "\"", "\"name\": \"<script>window.__injected=2</script>\"");
        assertThat(text).contains(hostile).contains("<script>");
        try (ScreenServer hostileServer = serve(PlanLoader.parse(text), db);
                HeadlessChromium browser = HeadlessChromium.start(1200, 900)) {
            browser.navigate(hostileServer.address().toString());
            browser.waitFor("document.body.dataset.refreshes >= 1", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.getElementById('plan-name').textContent").asText())
                    .isEqualTo("<script>window.__injected=2</script>");
            assertThat(browser.evaluate("[...document.querySelectorAll('#districts tbody tr')].map(tr => "
                    + "tr.cells[1].textContent).join('|')").asText()).contains(hostile);
            assertThat(browser.evaluate("document.querySelectorAll('main img, main script, header script').length")
                    .asInt()).isZero();
            Thread.sleep(500);
            assertThat(browser.evaluate("typeof window.__injected").asText()).isEqualTo("undefined");
            assertThat(browser.errors()).isEmpty();
        }
    }

    @Test
    void theScreenRefusesARoleThatCanWrite() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BeizengCommand.execute("screen", "--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", db,
                    "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", passwordFile.toString(), "--port", "0");
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(BeizengCommand.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("beizeng: the role " + POSTGRES.user()
                + " may write the result tables; the screen connects as a read-only role (beizeng_reader)");
    }
}
