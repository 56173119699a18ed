package io.beizeng.screen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.beizeng.StartupException;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.sink.JdbcTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lit screen (亮屏): one page, its script and style, the chart library (Apache ECharts, from its WebJar in the jar:
 * no CDN), and the JSON API the page polls ({@code /api/screen}, or one part at {@code /api/PART}). Every request
 * reads in a read-only transaction of its own connection; nothing is ever written.
 */
public final class ScreenServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenServer.class);
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/" + echartsVersion()
            + "/echarts.common.min.js";
    /** Page, script and style are the jar's own; the charts' SVG carries inline styles. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"screen/index.html", "text/html; charset=utf-8"},
            "/screen.js", new String[] {"screen/screen.js", "text/javascript; charset=utf-8"},
            "/screen.css", new String[] {"screen/screen.css", "text/css; charset=utf-8"},
            "/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScreenData data;
    private final JdbcTarget target;
    private final ObjectMapper json;

    private ScreenServer(HttpServer server, ScreenData data, JdbcTarget target) {
        this.server = server;
        this.data = data;
        this.target = target;
        this.json = mapper();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "screen-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** The mapper the API writes with: amounts as plain decimals, never in exponent form. */
    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return m;
    }

    /** Starts serving at {@code address} (port 0: a free one). */
    public static ScreenServer start(ScreenData data, JdbcTarget target, InetSocketAddress address)
            throws IOException {
        ScreenServer s = new ScreenServer(HttpServer.create(address, 0), data, target);
        s.server.start();
        return s;
    }

    /**
     * Checks that the database answers as a read-only role, then serves the plan's screen at {@code address}; the
     * {@code screen} command and the demo start it so.
     *
     * @throws StartupException when the database cannot be read, the role may write, or the address is taken
     */
    public static ScreenServer open(Plan plan, Indicator indicator, JdbcTarget target, InetSocketAddress address) {
        try (Connection c = target.connect()) {
            String why = writable(c);
            if (why != null) {
                throw new StartupException(why);
            }
        } catch (SQLException e) {
            throw new StartupException("cannot read the result tables from " + target.url() + ": "
                    + StartupException.rootMessage(e));
        }
        try {
            return start(new ScreenData(plan, indicator), target, address);
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Refuses a role that may write the result tables: the screen is for the read-only role (beizeng_reader).
     *
     * @return null when the role is read-only, else why not
     */
    public static String writable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT has_table_privilege('district_progress', 'INSERT') "
                        + "OR has_table_privilege('district_progress', 'UPDATE') "
                        + "OR has_table_privilege('project_progress', 'UPDATE')")) {
            rs.next();
            return rs.getBoolean(1) ? "the role " + c.getMetaData().getUserName()
                    + " may write the result tables; the screen connects as a read-only role (beizeng_reader)" : null;
        }
    }

    public URI address() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(ex, path.substring("/api/".length()));
                return;
            }
            String[] resource = STATIC.get(path);
            byte[] body = resource == null ? null : resource(resource[0]);
            if (body == null) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", path.equals("/echarts.min.js") ? "max-age=86400" : "no-cache");
            send(ex, 200, resource[1], body);
        } catch (RuntimeException e) {
            LOG.warn("screen request {} failed", ex.getRequestURI(), e);
        }
    }

    private void api(HttpExchange ex, String part) throws IOException {
        if (!part.equals("screen") && !ScreenData.PARTS.contains(part)) {
            sendJson(ex, 404, json.createObjectNode().put("error", "no such part: /api/" + part + " (parts: screen, "
                    + String.join(", ", ScreenData.PARTS) + ")"));
            return;
        }
        ObjectNode body;
        try (Connection c = target.connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                body = part.equals("screen") ? data.all(c) : data.part(part, c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            String cause = StartupException.rootMessage(e);
            LOG.warn("screen: cannot read the result tables: {}", cause);
            sendJson(ex, 503, json.createObjectNode().put("error", "cannot read the result tables: " + cause));
            return;
        }
        sendJson(ex, 200, body);
    }

    private void sendJson(HttpExchange ex, int status, ObjectNode body) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ScreenServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** The version of the ECharts WebJar on the classpath (its files live under a directory named by it). */
    private static String echartsVersion() {
        try (InputStream in = ScreenServer.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                return "missing";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
