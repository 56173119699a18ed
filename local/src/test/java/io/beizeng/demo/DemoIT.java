package io.beizeng.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code java -jar beizeng-local.jar demo --duration …} as a user would and checks what it promises: the
 * tables fill, the printed table matches the database, the web UI and the metrics endpoint answer, and afterwards
 * nothing it started is left: no process, no open port, no temporary directory.
 */
class DemoIT {
    private static final Pattern WEB = Pattern.compile("Flink web UI\\s+http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("Prometheus\\s+http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern KAFKA = Pattern.compile("Kafka\\s+127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern JDBC = Pattern.compile("\\(JDBC (jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/postgres)\\)");
    private static final Pattern DIR = Pattern.compile("data directory (\\S+)");
    private static final Pattern PID = Pattern.compile("kafka pid (\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("events received (\\d+)");
    private static final Pattern HISTORY = Pattern.compile("history replayed: (\\d+) records");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d*)\\s+(\\d{6})\\s+.*?\\s(-?\\d+\\.\\d{2})\\s+.*\\s(AHEAD|ON_TRACK|BEHIND)$");

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
                tables.add(current);
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (current != null && m.find()) {
                current.put(m.group(2), m.group(1) + " " + m.group(3) + " " + m.group(4));
            }
        }
        tables.removeIf(t -> t.size() <= 1);
        return tables;
    }

    @Test
    void theDemoShowsProgressThatMatchesTheDatabaseAndCleansUpAfterItself() throws Exception {
        Path jar = Path.of(System.getProperty("beizeng.localJar"));
        assertThat(jar).exists();
        Path tmp = Files.createTempDirectory("demo-it-");
        Process demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "demo", "--duration", "90s",
                "--rate", "0", "--enterprises", "300", "--history-rate", "50000", "--refresh", "1s")
                .redirectError(tmp.resolveSibling(tmp.getFileName() + ".stderr").toFile())
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
            int web = Integer.parseInt(await(WEB, 1, Duration.ofSeconds(90)));
            int metrics = Integer.parseInt(await(METRICS, 1, Duration.ofSeconds(5)));
            int kafka = Integer.parseInt(await(KAFKA, 1, Duration.ofSeconds(5)));
            String jdbc = await(JDBC, 1, Duration.ofSeconds(5));
            int postgres = Integer.parseInt(await(JDBC, 2, Duration.ofSeconds(5)));
            Path dataDir = Path.of(await(DIR, 1, Duration.ofSeconds(5)));
            long kafkaPid = Long.parseLong(await(PID, 1, Duration.ofSeconds(5)));
            assertThat(dataDir).startsWith(tmp).exists();

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

            // with --rate 0 the history ends and everything settles: wait until the database holds still for a few
            // seconds, then the table printed last (the board refreshes every second) must show exactly what it holds
            await(HISTORY, 1, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
            Map<String, String> printed = null;
            Map<String, String> inDatabase = null;
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); Statement s = c.createStatement()) {
                while (System.nanoTime() < deadline) {
                    Map<String, String> before = latestMonth(s);
                    Thread.sleep(3000);
                    inDatabase = latestMonth(s);
                    List<Map<String, String>> t = tables();
                    printed = t.isEmpty() ? null : new TreeMap<>(t.get(t.size() - 1));
                    if (printed != null) {
                        printed.remove("received");
                    }
                    if (inDatabase.size() == 8 && inDatabase.equals(before) && inDatabase.equals(printed)) {
                        break;
                    }
                }
                assertThat(printed).as("the last table printed, in:\n%s", String.join("\n", lines)).isNotNull();
                assertThat(printed).hasSize(8); // seven districts and the city
                assertThat(printed).isEqualTo(inDatabase);
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
            assertThat(lines).anyMatch(l -> l.contains("temporary data removed"));
            for (int port : new int[] {web, metrics, kafka, postgres}) {
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

    /** The latest month's OUTPUT_VALUE rows as the board prints them: code → "rank YTD(亿元) status". */
    private static Map<String, String> latestMonth(Statement s) throws java.sql.SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("""
                SELECT region_code, rank, ytd_value, status FROM district_progress
                WHERE indicator = 'OUTPUT_VALUE' AND year * 12 + month =
                  (SELECT max(year * 12 + month) FROM district_progress WHERE indicator = 'OUTPUT_VALUE')""")) {
            while (rs.next()) {
                Object rank = rs.getObject("rank");
                rows.put(rs.getString("region_code"), (rank == null ? "" : rank) + " "
                        + rs.getBigDecimal("ytd_value").divide(new BigDecimal("1E8"), 2, RoundingMode.HALF_UP)
                                .toPlainString() + " " + rs.getString("status"));
            }
        }
        return rows;
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
