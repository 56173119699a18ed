package io.beizeng.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code chromium}, or {@code $CHROMIUM}) driven over the DevTools protocol with
 * the JDK's WebSocket client: navigate, evaluate, screenshot; and every error the page's console or runtime reports.
 * It talks to loopback only: background networking, updates and sync are off.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private HeadlessChromium(Process process, Path profile, URI page) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener())
                .get(30, TimeUnit.SECONDS);
        call("Runtime.enable", null);
        call("Log.enable", null);
        call("Page.enable", null);
    }

    public static String executable() {
        String configured = System.getenv("CHROMIUM");
        return configured != null ? configured : "/usr/bin/chromium";
    }

    /** Starts a browser with one blank page, {@code width} × {@code height} CSS pixels. */
    public static HeadlessChromium start(int width, int height) throws Exception {
        if (!Files.isExecutable(Path.of(executable()))) {
            throw new IllegalStateException(executable() + " is missing: the test command installs Debian's chromium");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        Process p = new ProcessBuilder(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--lang=zh-CN", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> browser = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        browser.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the browser went away
            }
            browser.completeExceptionally(new IllegalStateException("chromium exited before listening"));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            URI ws = URI.create(browser.get(60, TimeUnit.SECONDS));
            URI list = URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/json/list");
            URI page = null;
            for (long deadline = System.nanoTime() + 30_000_000_000L; page == null && System.nanoTime() < deadline; ) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(r.body())) {
                    if (target.path("type").asText().equals("page")) {
                        page = URI.create(target.get("webSocketDebuggerUrl").asText());
                    }
                }
                if (page == null) {
                    Thread.sleep(100);
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium has no page target");
            }
            return new HeadlessChromium(p, profile, page);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** A DevTools command's result. */
    public JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page (awaited if a promise), as JSON. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page threw on " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until the expression is true (one that throws, as while a page loads, is not yet), or fails naming it. */
    public void waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()")
                .asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout + ": " + expression + "; page errors: " + errors());
            }
            Thread.sleep(100);
        }
    }

    /** A PNG of the viewport, scaled (0.8: four fifths of the CSS pixels each way). */
    public void screenshot(Path file, double scale) throws Exception {
        JsonNode size = evaluate("({width: window.innerWidth, height: window.innerHeight})");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.get("width").asInt())
                .put("height", size.get("height").asInt()).put("scale", scale);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", false);
        params.set("clip", clip);
        JsonNode r = call("Page.captureScreenshot", params);
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** Errors and exceptions the page reported so far: console.error, uncaught exceptions, failed loads. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private void event(JsonNode m) {
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
                    errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url")
                            .asText());
                }
            }
            default -> { }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(m.get("id").asInt());
                        if (reply != null) {
                            reply.complete(m);
                        }
                    } else {
                        event(m);
                    }
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
