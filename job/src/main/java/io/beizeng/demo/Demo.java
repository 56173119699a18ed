package io.beizeng.demo;

import io.beizeng.sink.Outputs;
import io.beizeng.BeizengPipeline;
import io.beizeng.config.Indicator;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.generator.EventGenerator;
import io.beizeng.generator.KafkaOutput;
import io.beizeng.ingest.InputStreams;
import io.beizeng.model.SourceTopic;
import io.beizeng.screen.ScreenServer;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one-command demo: a real PostgreSQL and a real Kafka broker, the job on a local Flink mini cluster with its
 * web UI and a Prometheus endpoint, the generator replaying the plan's history and then producing live, the lit
 * screen in a browser and a progress table in the terminal. Everything it starts, it stops; temporary data is removed unless kept.
 */
public final class Demo {
    /** What the user chose on the command line. */
    public record Options(Plan plan, long seed, int enterprises, double rate, double historyRate, Duration duration,
            Duration refresh, Path keepData, int parallelism, int screenPort) {}

    private final Options options;
    private final PrintStream out;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean generating = true;
    /** The latest event time sent (epoch ms): the end of the history, then each live report's. */
    private volatile long latestEventSent = Long.MIN_VALUE;
    /** What the generator last said, kept in the banner when the board is redrawn in place. */
    private volatile String generatorNews = "";

    public Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * The screen, as the read-only role (a login here: the local database trusts loopback), on the chosen port or, when
     * that is taken, on a free one.
     */
    private ScreenServer openScreen(LocalPostgres database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", null);
                Statement s = c.createStatement()) {
            s.execute("ALTER ROLE beizeng_reader LOGIN");
        }
        JdbcTarget reader = new JdbcTarget(database.jdbcUrl(), "beizeng_reader", null);
        Indicator headline = options.plan().indicators().containsKey(Indicator.OUTPUT_VALUE) ? Indicator.OUTPUT_VALUE
                : options.plan().indicators().keySet().iterator().next();
        try {
            return ScreenServer.open(options.plan(), headline, reader,
                    new InetSocketAddress("127.0.0.1", options.screenPort()));
        } catch (io.beizeng.StartupException taken) {
            return ScreenServer.open(options.plan(), headline, reader, new InetSocketAddress("127.0.0.1", 0));
        }
    }

    public int run() throws Exception {
        Plan plan = options.plan();
        Path dir = options.keepData() != null ? options.keepData().toAbsolutePath()
                : Files.createTempDirectory("beizeng-demo-");
        Files.createDirectories(dir);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "beizeng-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LocalPostgres database = new LocalPostgres(dir.resolve("postgres"));
        LocalKafka kafka = new LocalKafka(dir.resolve("kafka"));
        JobClient job = null;
        Thread generator = null;
        ScreenServer screen = null;
        try {
            Path log = dir.resolve("demo.log");
            boolean logged = DemoLog.toFile(log);
            out.printf("beizeng demo: %s%n  starting PostgreSQL, Kafka and Flink in %s …%n", plan.name(), dir);
            String logLine = String.format("  log file       %s%n",
                    logged ? log : "(stderr: this JVM's logging is not Log4j 2)");
            out.print(logLine);
            database.start();
            JdbcTarget target = new JdbcTarget(database.jdbcUrl(), "postgres", null);
            Migrations.migrate(target);
            io.beizeng.sink.PlanCatalog.write(target, plan);
            screen = openScreen(database);
            String screenLine = String.format("  screen         %s%n", screen.address());
            out.print(screenLine);
            kafka.start(2);

            int webPort = FreePort.find();
            int metricsPort = FreePort.find();
            Configuration conf = BeizengPipeline.jobConfiguration();
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.PORT, webPort);
            // Flink's own scratch space goes into the demo directory, so that it goes away with it
            Path flinkTmp = Files.createDirectories(dir.resolve("flink"));
            conf.setString("io.tmp.dirs", flinkTmp.toString());
            conf.setString("web.tmpdir", flinkTmp.resolve("web").toString());
            conf.setString("web.upload.dir", flinkTmp.resolve("upload").toString());
            conf.setString("metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
            conf.setString("metrics.reporter.prom.host", "127.0.0.1");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(options.parallelism());
            env.enableCheckpointing(10_000);
            // live events are attributed once the watermark passes them: keep the bound short in the demo
            JobSettings settings = new JobSettings(Duration.ofSeconds(10), Duration.ofDays(35), Duration.ofDays(7),
                    Duration.ofSeconds(2), Duration.ofSeconds(5));
            Map<SourceTopic, String> topics = SourceTopic.defaultTopics();
            BeizengPipeline.build(plan, settings, InputStreams.fromKafka(env, plan, settings,
                    new InputStreams.KafkaInput(kafka.bootstrapServers(), topics, "beizeng-demo", false, new Properties())),
                    Outputs.jdbc(target, 500).withAlertTopic(io.beizeng.sink.AlertTopic.sink(
                            kafka.bootstrapServers(), io.beizeng.sink.AlertTopic.DEFAULT_TOPIC, new Properties(),
                            plan.planId())));
            job = env.executeAsync("beizeng demo " + plan.planId());

            String banner = "\n" + screenLine
                    + String.format("  Flink web UI   http://127.0.0.1:%d%n", webPort)
                    + String.format("  Prometheus     http://127.0.0.1:%d/metrics%n", metricsPort)
                    + String.format("  Kafka          %s  (topics %s, %s, %s)%n", kafka.bootstrapServers(),
                            SourceTopic.PRODUCTION.defaultTopic(), SourceTopic.ENTERPRISE.defaultTopic(),
                            SourceTopic.INVESTMENT.defaultTopic())
                    + String.format("  PostgreSQL     psql -h 127.0.0.1 -p %d -U postgres postgres   (JDBC %s)%n",
                            database.port(), database.jdbcUrl())
                    + String.format("  Try            SELECT region_code, year, month, ytd_value, yoy_growth, completion_ratio, status, rank%n"
                    + "                 FROM district_progress WHERE indicator = 'OUTPUT_VALUE' ORDER BY year DESC, month DESC, rank LIMIT 8;%n"
                    + "                 SELECT * FROM ingest_audit;   SELECT reason, count(*) FROM rejected_events GROUP BY reason;%n")
                    + String.format("  Stop with Ctrl-C%s.%n", options.duration() != null ? " (or wait " + options.duration().toSeconds() + " s)" : "")
                    + String.format("  data directory %s (%s)%n", dir, options.keepData() != null ? "kept" : "removed at exit")
                    + logLine
                    + String.format("  processes      kafka pid %d%n", kafka.pid());
            out.print(banner);
            // on a terminal the board is redrawn in place under the banner; otherwise (a pipe, a file) appended
            boolean inPlace = System.console() != null && System.getenv("TERM") != null
                    && !"dumb".equals(System.getenv("TERM"));

            generator = new Thread(() -> generate(plan, kafka.bootstrapServers(), topics), "beizeng-demo-generator");
            generator.setDaemon(true);
            generator.start();

            ProgressBoard board = new ProgressBoard(plan);
            long deadline = options.duration() == null ? Long.MAX_VALUE
                    : System.nanoTime() + options.duration().toNanos();
            try (Connection c = DriverManager.getConnection(target.url(), target.user(), null)) {
                while (System.nanoTime() < deadline && !stop.await(options.refresh().toMillis(), TimeUnit.MILLISECONDS)) {
                    if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                        out.println("the job stopped: " + job.getJobStatus().get());
                        break;
                    }
                    long sent = latestEventSent;
                    String text = board.render(c, sent == Long.MIN_VALUE ? Instant.now() : Instant.ofEpochMilli(sent),
                            LocalDate.now(plan.timezone()));
                    if (inPlace) {
                        out.print("\033[H\033[2J" + banner + generatorNews + text);
                    } else {
                        out.print(text);
                    }
                    out.flush();
                }
            }
            out.println();
            out.println("stopping …");
            return 0;
        } finally {
            generating = false;
            if (generator != null) {
                generator.join(10_000);
            }
            if (job != null) {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                    job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
                } catch (Exception expected) {
                    // a cancelled job ends with an exception; what matters is that it ended
                }
            }
            if (screen != null) {
                screen.close();
            }
            close(kafka);
            close(database);
            if (options.keepData() == null) {
                deleteRecursively(dir);
            }
            out.println("stopped" + (options.keepData() == null ? "; temporary data removed" : "; data kept in " + dir));
            out.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
    }

    /** History from January of the year before the baseline to yesterday (monthly returns), then live reports. */
    private void generate(Plan plan, String bootstrapServers, Map<SourceTopic, String> topics) {
        EventGenerator generator = new EventGenerator(plan, new EventGenerator.Settings(options.seed(),
                options.enterprises(), EventGenerator.Granularity.MONTHLY, 0.01, 0.005, 0.0005, 0.001));
        try (KafkaOutput kafka = new KafkaOutput(bootstrapServers, topics, new Properties(), options.historyRate())) {
            LocalDate today = LocalDate.now(plan.timezone());
            generator.generate(LocalDate.of(plan.firstEventYear(), 1, 1), today.minusDays(1), (t, k, v) -> {
                if (generating) {
                    kafka.emit(t, k, v);
                }
            });
            kafka.flush();
            latestEventSent = today.atStartOfDay(plan.timezone()).toInstant().toEpochMilli() - 1;
            generatorNews = String.format("%n  history replayed: %d records; live reports at %.0f/s from now%n",
                    generator.stats().total(), options.rate());
            out.print(generatorNews);
            kafka.pace(options.rate());
            int perTick = (int) Math.max(1, Math.round(options.rate() / 10));
            double secondsPerReport = options.enterprises() / Math.max(options.rate(), 1);
            while (generating && options.rate() > 0) {
                long now = System.currentTimeMillis();
                generator.live(now, perTick, secondsPerReport, kafka);
                latestEventSent = now;
            }
            kafka.flush();
        } catch (RuntimeException e) {
            if (generating) {
                out.println("generator stopped: " + e.getMessage());
            }
        }
    }

    private void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            out.println("could not stop " + c.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
