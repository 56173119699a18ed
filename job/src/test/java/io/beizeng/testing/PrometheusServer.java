package io.beizeng.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.demo.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (the Debian package's {@code /usr/bin/prometheus}; the test command {@code run-tests} installs it) on loopback,
 * scraping the given targets every second.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final Path BINARY = Path.of(System.getProperty("beizeng.prometheus", "/usr/bin/prometheus"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PrometheusServer(String... targets) throws Exception {
        dir = Files.createTempDirectory("prometheus-");
        port = FreePort.find();
        StringBuilder list = new StringBuilder();
        for (String t : targets) {
            list.append(list.isEmpty() ? "" : ", ").append('\'').append(t).append('\'');
        }
        Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                "scrape_configs:", "  - job_name: flink", "    static_configs:", "      - targets: [" + list + "]", ""));
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("Prometheus did not start: " + Files.readString(dir.resolve("prometheus.log")));
            }
            Thread.sleep(200);
        }
    }

    /** An instant query; returns the result vector (or matrix/scalar as returned). */
    public JsonNode query(String promql) throws Exception {
        String url = "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalArgumentException("query failed: " + promql + ": " + r.body());
        }
        return body.path("data").path("result");
    }

    /** Names of every series scraped so far. */
    public JsonNode names() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/label/__name__/values")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("data");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
