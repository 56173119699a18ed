package io.beizeng.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.beizeng.config.PlanLoader;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code java -jar beizeng-local.jar demo --duration …} as a user would and checks what it promises: the
 * tables fill, the printed table matches the database, the web UI and the metrics endpoint answer, and afterwards
 * nothing it started is left: no process, no open port, no temporary directory.
 */
class DemoIT {
    private static final Pattern SCREEN = Pattern.compile("screen\\s+http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern WEB = Pattern.compile("Flink web UI\\s+http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("Prometheus\\s+http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern KAFKA = Pattern.compile("Kafka\\s+127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern JDBC = Pattern.compile("\\(JDBC (jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/postgres)\\)");
    private static final Pattern DIR = Pattern.compile("data directory (\\S+)");
    private static final Pattern PID = Pattern.compile("kafka pid (\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("events received (\\d+)");
    private static final Pattern HISTORY = Pattern.compile("history replayed: (\\d+) records");
    private static final Pattern LOG = Pattern.compile("log file\\s+(\\S+)");
    /** rank, code, name, YTD, YoY, done, status, then for the month still running " | YTD done". */
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d*)\\s+(\\d{6})\\s+.*?\\s(-?\\d+\\.\\d{2})\\s+.*\\s(AHEAD|ON_TRACK|BEHIND)"
                    + "(?:\\s+\\|\\s+(-?\\d+\\.\\d{2})\\s+(-?\\d+\\.\\d %))?$");
    private static final Pattern OPEN = Pattern.compile("open: (\\d{4}-\\d{2}), (\\d+\\.\\d) % of the year elapsed");
    private static final Pattern HEADLINE = Pattern.compile("^== (\\d{4}-\\d{2})  output value");

    /** The sample plan's seven districts and the city. */
    private static final int DISTRICTS_AND_CITY = 8;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private String await(Pattern p, int group, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    return m.group(group);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + p + " in:\n" + String.join("\n", lines));
    }

    /** The district rows of each table printed after the history was replayed, in order. */
    private List<Map<String, String>> tables() {
        List<Map<String, String>> tables = new ArrayList<>();
        Map<String, String> current = null;
        boolean historyDone = false;
        for (String line : lines) {
            historyDone |= line.contains("history replayed:");
            if (!historyDone) {
                continue;
            }
            if (line.startsWith("== ")) {
                current = new TreeMap<>();
                Matcher received = RECEIVED.matcher(line);
                current.put("received", received.find() ? received.group(1) : "0");
                Matcher headline = HEADLINE.matcher(line);
                current.put("headline", headline.find() ? headline.group(1) : "");
                Matcher open = OPEN.matcher(line);
                current.put("open", open.find() ? open.group(1) : "");
                tables.add(current);
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (current != null && m.find()) {
                current.put(m.group(2), m.group(1) + " " + m.group(3) + " " + m.group(4)
                        + (m.group(5) == null ? "" : " | " + m.group(5) + " " + m.group(6)));
            }
        }
        tables.removeIf(t -> t.size() <= 3);
        return tables;
    }

    @Test
    void theDemoShowsProgressThatMatchesTheDatabaseAndCleansUpAfterItself() throws Exception {
        Path jar = Path.of(System.getProperty("beizeng.localJar"));
        ZoneId zone;
        try (InputStream in = DemoIT.class.getClassLoader().getResourceAsStream("plans/zaozhuang-sample.json")) {
            zone = PlanLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).timezone();
        }
        assertThat(jar).exists();
        Path tmp = Files.createTempDirectory("demo-it-");
        Path stderr = tmp.resolveSibling(tmp.getFileName() + ".stderr");
        Process demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "demo", "--duration", "90s",
                "--rate", "0", "--enterprises", "300", "--history-rate", "50000", "--refresh", "1s",
                "--screen-port", "0")
                .redirectError(stderr.toFile())
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            int screen = Integer.parseInt(await(SCREEN, 1, Duration.ofSeconds(90)));
            int web = Integer.parseInt(await(WEB, 1, Duration.ofSeconds(90)));
            // the screen's address is the first one printed
            String firstAddress = lines.stream().filter(l -> l.contains("http://")).findFirst().orElseThrow();
            assertThat(SCREEN.matcher(firstAddress).find()).as(firstAddress).isTrue();
            int metrics = Integer.parseInt(await(METRICS, 1, Duration.ofSeconds(5)));
            int kafka = Integer.parseInt(await(KAFKA, 1, Duration.ofSeconds(5)));
            String jdbc = await(JDBC, 1, Duration.ofSeconds(5));
            int postgres = Integer.parseInt(await(JDBC, 2, Duration.ofSeconds(5)));
            Path dataDir = Path.of(await(DIR, 1, Duration.ofSeconds(5)));
            long kafkaPid = Long.parseLong(await(PID, 1, Duration.ofSeconds(5)));
            assertThat(dataDir).startsWith(tmp).exists();
            // the logs go to a file in the data directory, not to the terminal
            Path log = Path.of(await(LOG, 1, Duration.ofSeconds(5)));
            assertThat(log).startsWith(dataDir).exists();

            // the web UI and the metrics endpoint answer
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web + "/overview")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("taskmanagers");
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("flink_");
            // the screen serves its page and, as the read-only role, its API
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + screen + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("screen.js");
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + screen + "/api/screen")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"districts\"");

            // with --rate 0 the history ends and everything settles: wait until the database holds still for a few
            // seconds, then the table printed last (the board refreshes every second) must show exactly what it holds
            await(HISTORY, 1, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
            Map<String, String> printed = null;
            Map<String, String> inDatabase = null;
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); Statement s = c.createStatement()) {
                while (System.nanoTime() < deadline) {
                    Map<String, String> before = expectedBoard(s, zone);
                    Thread.sleep(3000);
                    inDatabase = expectedBoard(s, zone);
                    List<Map<String, String>> t = tables();
                    printed = t.isEmpty() ? null : new TreeMap<>(t.get(t.size() - 1));
                    if (printed != null) {
                        printed.remove("received");
                    }
                    if (inDatabase.size() == DISTRICTS_AND_CITY + 2 && inDatabase.equals(before)
                            && inDatabase.equals(printed)) {
                        break;
                    }
                }
                assertThat(printed).as("the last table printed, in:\n%s", String.join("\n", lines)).isNotNull();
                assertThat(printed).hasSize(DISTRICTS_AND_CITY + 2); // the rows, the headline and the open month
                assertThat(printed).isEqualTo(inDatabase);
                // the history is of monthly returns up to last month: the headline is last month (the running month is
                // open only with the projects' milestones of its first days, which the table above compared)
                assertThat(printed.get("headline")).isEqualTo(YearMonth.now(zone).minusMonths(1).toString());
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM district_progress")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isGreaterThan(8 * 12 * 3);
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT sum(received), sum(accepted + duplicates + rejected), sum(rejected) FROM ingest_audit")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isPositive().isEqualTo(rs.getLong(2));
                    assertThat(rs.getLong(3)).isPositive(); // the generator sends some malformed records
                }
            }

            // it stops by itself and leaves nothing behind
            assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            assertThat(demo.exitValue()).isZero();
            assertThat(Files.readAllLines(stderr)).as("stderr").noneMatch(l -> l.matches(".*\\b(WARN|ERROR)\\b.*"));
            assertThat(lines).as("stdout").noneMatch(l -> l.matches(".*\\b(WARN|ERROR)\\b.*"));
            assertThat(lines).anyMatch(l -> l.contains("temporary data removed"));
            for (int port : new int[] {screen, web, metrics, kafka, postgres}) {
                assertThat(isOpen(port)).as("port %d closed", port).isFalse();
            }
            assertThat(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dataDir.toString())))
                    .as("processes of the demo").isEmpty();
            assertThat(dataDir).doesNotExist();
            try (var left = Files.list(tmp)) {
                assertThat(left.map(Path::getFileName).map(Path::toString).toList()).as("left in java.io.tmpdir").isEmpty();
            }
        } finally {
            if (demo.isAlive()) {
                // as Ctrl-C would: the demo's shutdown hook stops what it started
                demo.destroy();
                if (!demo.waitFor(90, TimeUnit.SECONDS)) {
                    demo.destroyForcibly();
                }
            }
        }
    }

    /**
     * The board as the database says it should read, computed here from the rows: the headline month is the latest
     * month before the current one (in the plan's zone) with OUTPUT_VALUE rows, each district "rank YTD(亿元) status";
     * the current month, when it has rows, is open beside it: " | YTD(亿元) completion %".
     */
    private static Map<String, String> expectedBoard(Statement s, ZoneId zone) throws java.sql.SQLException {
        YearMonth current = YearMonth.now(zone);
        int currentIndex = current.getYear() * 12 + current.getMonthValue() - 1;
        Map<String, String> board = new TreeMap<>();
        Integer headline = null;
        try (ResultSet rs = s.executeQuery("SELECT max(year * 12 + month - 1) FROM district_progress "
                + "WHERE indicator = 'OUTPUT_VALUE' AND year * 12 + month - 1 < " + currentIndex)) {
            if (rs.next() && rs.getObject(1) != null) {
                headline = rs.getInt(1);
            }
        }
        if (headline == null) {
            return board;
        }
        board.put("headline", YearMonth.of(headline / 12, headline % 12 + 1).toString());
        try (ResultSet rs = s.executeQuery("SELECT region_code, rank, ytd_value, status FROM district_progress "
                + "WHERE indicator = 'OUTPUT_VALUE' AND year * 12 + month - 1 = " + headline)) {
            while (rs.next()) {
                Object rank = rs.getObject("rank");
                board.put(rs.getString("region_code"), (rank == null ? "" : rank) + " " + yi(rs.getBigDecimal("ytd_value"))
                        + " " + rs.getString("status"));
            }
        }
        Map<String, String> open = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT region_code, ytd_value, completion_ratio FROM district_progress "
                + "WHERE indicator = 'OUTPUT_VALUE' AND year * 12 + month - 1 = " + currentIndex)) {
            while (rs.next()) {
                open.put(rs.getString("region_code"), " | " + yi(rs.getBigDecimal("ytd_value")) + " "
                        + String.format("%.1f %%", rs.getDouble("completion_ratio") * 100));
            }
        }
        board.put("open", open.isEmpty() ? "" : current.toString());
        open.forEach((code, suffix) -> board.computeIfPresent(code, (k, v) -> v + suffix));
        return board;
    }

    private static String yi(BigDecimal amount) {
        return amount.divide(new BigDecimal("1E8"), 2, RoundingMode.HALF_UP).toPlainString();
    }

    private static boolean isOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
