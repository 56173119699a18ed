package io.beizeng.it;

import io.beizeng.sink.Outputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengCommand;
import io.beizeng.BeizengPipeline;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import io.beizeng.ingest.StreamTypes;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job end to end on a real Kafka broker, a real PostgreSQL and a Flink mini cluster at parallelism 2, checked
 * row by row against the independent {@link Reference}: a bounded Kafka run through the command line, the same
 * with a task failure injected mid-stream, and a replay of the same world from files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final int PARTITIONS = 2;
    private static Plan plan;
    private static TestWorld world;
    private static Path passwordFile;
    private static ResultTables uninterrupted;
    private static String runDatabase;

    @BeforeAll
    static void produceTheWorld() throws Exception {
        plan = TestPlans.zaozhuang();
        world = TestWorld.generate(plan, 20261122L, 40);
        world.produceTo(KAFKA, PARTITIONS);
        Path tmp = Files.createTempDirectory("pipeline-it");
        passwordFile = tmp.resolve("jdbc-password");
        Files.writeString(passwordFile, POSTGRES.password() + "\n");
    }

    private static String[] common(String jdbcUrl) {
        return new String[] {"--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", jdbcUrl,
            "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", passwordFile.toString(), "--parallelism", "2",
            "--update-interval", "500ms", "--checkpoint-interval", "1s"};
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    @Order(1)
    void boundedKafkaRunMatchesTheReference() throws Exception {
        String db = POSTGRES.createDatabase();
        int exit = BeizengCommand.execute(concat(new String[] {"run", "--bootstrap-servers",
            KAFKA.bootstrapServers(), "--bounded", "--group-id", "it-run"}, common(db)));
        assertThat(exit).isZero();
        runDatabase = db;
        uninterrupted = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        uninterrupted.assertMatches(new Reference(plan, world, PARTITIONS));

        // the alerts topic holds each alert exactly once, the same as the table
        List<String> published = new ArrayList<>();
        Map<String, Object> props = KAFKA.consumerProperties("it-alerts");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props)) {
            consumer.subscribe(List.of(io.beizeng.sink.AlertTopic.DEFAULT_TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && published.size() < uninterrupted.alerts.size()) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    published.add(r.key());
                    assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"alertId\":\"" + r.key() + "\"");
                }
            }
            for (var r : consumer.poll(Duration.ofSeconds(2))) {
                published.add(r.key());
            }
        }
        assertThat(uninterrupted.alerts).isNotEmpty();
        assertThat(published).doesNotHaveDuplicates();
        assertThat(new java.util.TreeSet<>(published)).isEqualTo(uninterrupted.alerts.keySet());
    }

    @Test
    @Order(2)
    void aTaskFailureMidStreamEndsWithTheSameTables() throws Exception {
        String db = POSTGRES.createDatabase();
        JdbcTarget target = new JdbcTarget(db, POSTGRES.user(), POSTGRES.password());
        Migrations.migrate(target);

        Configuration conf = BeizengPipeline.jobConfiguration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        JobSettings settings = new JobSettings(Duration.ofDays(1), Duration.ofDays(35), Duration.ofDays(7),
                Duration.ofMillis(500), Duration.ofMinutes(1));
        Map<SourceTopic, String> topics = SourceTopic.defaultTopics();
        InputStreams kafka = InputStreams.fromKafka(env, plan, settings, new InputStreams.KafkaInput(
                KAFKA.bootstrapServers(), topics, "it-failure", true, new Properties()));
        FailOnceAfterCheckpoint.reset(world.production.size() / 3 / PARTITIONS);
        InputStreams withFailure = new InputStreams(
                kafka.production().map(new FailOnceAfterCheckpoint<>()).returns(StreamTypes.RECEIVED_PRODUCTION)
                        .name("failure injector").uid("failure-injector"),
                kafka.enterprise(), kafka.investment());
        BeizengPipeline.build(plan, settings, withFailure, Outputs.jdbc(target, 200));
        env.execute("pipeline with an injected failure");

        assertThat(FailOnceAfterCheckpoint.FAILED.get()).as("the failure was injected").isTrue();
        ResultTables recovered = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        recovered.assertMatches(new Reference(plan, world, PARTITIONS));
        if (uninterrupted != null) {
            recovered.assertSameAs(uninterrupted);
        }
    }

    @Test
    @Order(3)
    void replayFromFilesMatchesTheReference() throws Exception {
        Path dir = Files.createTempDirectory("replay-it");
        world.writeJsonLines(dir);
        String db = POSTGRES.createDatabase();
        int exit = BeizengCommand.execute(concat(new String[] {"replay", "--input", dir.toString()}, common(db)));
        assertThat(exit).isZero();
        ResultTables replayed = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        replayed.assertMatches(new Reference(plan, world, 0));
    }

    @Test
    @Order(4)
    void anUnreachableBrokerOrAMissingTopicIsOneLineAndExitCode1() throws Exception {
        String db = POSTGRES.createDatabase();
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int unreachable;
        int missing;
        try {
            unreachable = BeizengCommand.execute(concat(new String[] {"run", "--bootstrap-servers",
                "127.0.0.1:" + closed, "--bounded"}, common(db)));
            missing = BeizengCommand.execute(concat(new String[] {"run", "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--bounded", "--production-topic", "no-such-topic"}, common(db)));
        } finally {
            System.setErr(saved);
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(unreachable).isEqualTo(BeizengCommand.FAILURE);
        assertThat(missing).isEqualTo(BeizengCommand.FAILURE);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("beizeng: cannot reach Kafka at 127.0.0.1:" + closed);
        assertThat(lines.get(1)).startsWith("beizeng: Kafka at").contains("no-such-topic");
    }

    @Test
    @Order(5)
    void anotherCitysPlanWithTownsForRegionsRunsTheSameWay() throws Exception {
        Plan pingdu = io.beizeng.config.PlanLoader.load(TestPlans.PINGDU_FILE);
        Path dir = Files.createTempDirectory("pingdu-it");
        io.beizeng.generator.EventGenerator generator = new io.beizeng.generator.EventGenerator(pingdu,
                new io.beizeng.generator.EventGenerator.Settings(3, 150,
                        io.beizeng.generator.EventGenerator.Granularity.MONTHLY, 0.01, 0.005, 0.001, 0.002));
        try (var out = new io.beizeng.generator.JsonLinesOutput(dir)) {
            generator.generate(java.time.LocalDate.of(2023, 1, 1), java.time.LocalDate.of(2025, 3, 31), out);
        }
        String db = POSTGRES.createDatabase();
        String[] args = common(db);
        args[1] = TestPlans.PINGDU_FILE.toString();
        assertThat(BeizengCommand.execute(concat(new String[] {"replay", "--input", dir.toString()}, args))).isZero();
        ResultTables tables = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), pingdu.planId());
        // every region of this plan, every indicator of this plan, every month from January 2024 to March 2025
        java.util.Set<String> regions = new java.util.TreeSet<>();
        pingdu.districts().forEach(d -> regions.add(d.code()));
        regions.add(pingdu.city().code());
        assertThat(tables.progress.values()).extracting(Reference.ProgressRow::regionCode).containsOnlyElementsOf(regions);
        assertThat(tables.progress).hasSize(regions.size() * pingdu.indicators().size() * 15);
        assertThat(tables.progress.values()).filteredOn(r -> r.indicator().equals("ABOVE_SCALE_ENTERPRISES"))
                .allSatisfy(r -> assertThat(r.timeProgress()).isEqualTo(1.0));
        assertThat(tables.chains).hasSize(io.beizeng.model.Chain.values().length * 15);
        long generated = generator.stats().total();
        long received = tables.audit.values().stream().mapToLong(Reference.Audit::received).sum();
        assertThat(received).isEqualTo(generated);
        long rejected = tables.audit.values().stream().mapToLong(Reference.Audit::rejected).sum();
        assertThat(tables.rejected).hasSize((int) rejected);
        assertThat(rejected).isGreaterThanOrEqualTo(generator.stats().malformed.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    @Order(6)
    void theViewsAndTheBulletinAnswerFromTheFilledTables() throws Exception {
        assertThat(runDatabase).as("the Kafka run filled a database").isNotNull();
        try (var c = java.sql.DriverManager.getConnection(runDatabase, POSTGRES.user(), POSTGRES.password());
                var s = c.createStatement()) {
            for (String view : List.of("v_district_progress", "v_latest_district_progress", "v_monthly_bulletin",
                    "v_rank_history", "v_districts_behind", "v_quarterly_assessment", "v_annual_review")) {
                try (var rs = s.executeQuery("SELECT count(*) FROM " + view)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(view).isPositive();
                }
            }
            // the latest month of OUTPUT_VALUE in the reference, independently of the tables
            int latest = new Reference(plan, world, PARTITIONS).progress.values().stream()
                    .filter(r -> r.indicator().equals("OUTPUT_VALUE")).mapToInt(r -> r.year() * 100 + r.month())
                    .max().orElseThrow();
            try (var rs = s.executeQuery("SELECT DISTINCT year, month, name FROM v_latest_district_progress "
                    + "WHERE indicator = 'OUTPUT_VALUE' ORDER BY name")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    assertThat(rs.getInt(1) * 100 + rs.getInt(2)).isEqualTo(latest);
                    names.add(rs.getString(3));
                }
                assertThat(names).contains("枣庄市", "滕州市").hasSize(8);
            }
        }
        // the key projects on the screen and whether each district landed its major projects, against the reference
        Reference expected = new Reference(plan, world, PARTITIONS);
        Map<String, String> names = new java.util.HashMap<>();
        plan.districts().forEach(d -> names.put(d.code(), d.name()));
        List<String> majors = expected.projects.entrySet().stream().filter(e -> (Boolean) e.getValue().get(3))
                .sorted(java.util.Comparator.comparing((Map.Entry<String, List<Object>> e) ->
                        List.of("RED", "YELLOW", "GREEN").indexOf((String) e.getValue().get(10)))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> e.getKey() + " " + names.get((String) e.getValue().get(0)) + " " + e.getValue().get(10)
                        + " " + e.getValue().get(11))
                .toList();
        assertThat(majors).as("the world has major projects of every light").hasSizeGreaterThanOrEqualTo(3);
        assertThat(majors.stream().map(m -> m.split(" ")[2]).distinct()).contains("RED", "YELLOW", "GREEN");
        Map<String, Integer> signedMajors = new java.util.HashMap<>();
        for (List<Object> p : expected.projects.values()) {
            if ((Boolean) p.get(3)) {
                int year = java.time.Instant.ofEpochMilli((Long) p.get(4)).atZone(plan.timezone()).getYear();
                signedMajors.merge(p.get(0) + "|" + year, 1, Integer::sum);
            }
        }
        var required = plan.indicator(io.beizeng.config.Indicator.MAJOR_PROJECTS).annualTargets();
        try (var c = java.sql.DriverManager.getConnection(runDatabase, POSTGRES.user(), POSTGRES.password());
                var s = c.createStatement()) {
            List<String> shown = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT project_id, district_name, light, light_reason FROM v_key_projects "
                    + "ORDER BY light_order, project_id")) {
                while (rs.next()) {
                    shown.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            assertThat(shown).as("v_key_projects").isEqualTo(majors);
            int rows = 0;
            try (var rs = s.executeQuery("SELECT region_code, year, signed_major_projects, required, landed "
                    + "FROM v_major_projects_landed")) {
                while (rs.next()) {
                    rows++;
                    String key = rs.getString(1) + "|" + rs.getInt(2);
                    int signed = signedMajors.getOrDefault(key, 0);
                    int need = required.get(rs.getString(1)).intValueExact();
                    assertThat(rs.getInt(3)).as(key + " signed").isEqualTo(signed);
                    assertThat(rs.getInt(4)).as(key + " required").isEqualTo(need);
                    assertThat(rs.getBoolean(5)).as(key + " landed").isEqualTo(signed >= need);
                }
            }
            assertThat(rows).as("a row per district and year").isEqualTo(plan.districts().size()
                    * expected.progress.values().stream().map(Reference.ProgressRow::year).distinct().count());
        }
        // the bulletin, as CSV: every line matches the table
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BeizengCommand.execute("bulletin", "--month", "2024-11", "--format", "csv", "--plan",
                    TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", runDatabase, "--jdbc-user", POSTGRES.user(),
                    "--jdbc-password-file", passwordFile.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(exit).isZero();
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("rank,code,region");
        assertThat(lines).hasSize(9);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Reference.ProgressRow row = uninterrupted.progress.get(cells[1] + "|OUTPUT_VALUE|2024|11");
            assertThat(cells[0]).isEqualTo(row.rank() == null ? "" : row.rank().toString());
            assertThat(new java.math.BigDecimal(cells[3])).isEqualByComparingTo(
                    row.ytdValue().divide(new java.math.BigDecimal("1E8"), 2, java.math.RoundingMode.HALF_UP));
            assertThat(cells[7]).isEqualTo(row.status());
        }
    }

    @Test
    @Order(7)
    void theAssessmentAndTheReviewPrintWhatTheTablesHold() throws Exception {
        assertThat(runDatabase).as("the Kafka run filled a database").isNotNull();
        List<String> assessment = printed("assessment", "--quarter", "2024Q4", "--format", "csv");
        assertThat(assessment.get(0)).startsWith("rank,code,district,OUTPUT_VALUE (亿元),OUTPUT_VALUE score (w 30)")
                .endsWith(",total,grade,status");
        assertThat(assessment).hasSize(1 + plan.districts().size());
        for (String line : assessment.subList(1, assessment.size())) {
            String[] cells = line.split(",", -1);
            List<Object> total = uninterrupted.assessmentTotals.get(cells[1] + "|2024|4");
            assertThat(cells[0]).isEqualTo(total.get(1).toString());
            assertThat(Double.parseDouble(cells[cells.length - 3])).isCloseTo((Double) total.get(0),
                    org.assertj.core.api.Assertions.within(0.05));
            assertThat(cells[cells.length - 2]).isEqualTo(total.get(2));
            assertThat(cells[cells.length - 1]).isEqualTo("final");
        }
        List<String> review = printed("review", "--year", "2024", "--format", "csv");
        assertThat(review.get(0)).startsWith("rank,code,district,Q4 total,grade,rank change,OUTPUT_VALUE completion (%)");
        assertThat(review).hasSize(1 + plan.districts().size());
        for (String line : review.subList(1, review.size())) {
            String[] cells = line.split(",", -1);
            List<Object> row = uninterrupted.reviews.get(cells[1] + "|2024");
            Object change = row.get(row.size() - 2);
            assertThat(cells[5]).isEqualTo(change == null ? "" : String.format("%+d", (Integer) change));
        }
        // the key projects' quarterly bulletin: per district counts by light and stage, amounts, ranked by share GREEN
        List<String> projects = printed("projects", "--quarter", "2023Q4", "--format", "csv");
        assertThat(projects.get(0)).isEqualTo("rank,code,district,projects,GREEN,YELLOW,RED,signed,signed (亿元),"
                + "started,started (亿元),completed,completed (亿元),invested (亿元),invested / signed (%),GREEN (%)");
        assertThat(projects).hasSize(1 + plan.districts().size());
        Map<String, long[]> counts = new java.util.HashMap<>(); // district → projects, green, yellow, red, signed, started, completed
        Map<String, java.math.BigDecimal> signedYuan = new java.util.HashMap<>();
        Map<String, java.math.BigDecimal> investedYuan = new java.util.HashMap<>();
        for (var e : uninterrupted.projectMonths.entrySet()) {
            if (!e.getKey().endsWith("|2023|12")) {
                continue;
            }
            List<Object> m = e.getValue();
            String project = e.getKey().substring(0, e.getKey().indexOf('|'));
            long[] c = counts.computeIfAbsent((String) m.get(0), k -> new long[7]);
            c[0]++;
            c[1 + List.of("GREEN", "YELLOW", "RED").indexOf((String) m.get(4))]++;
            investedYuan.merge((String) m.get(0), (java.math.BigDecimal) m.get(2), java.math.BigDecimal::add);
            if (!"NOT_SIGNED".equals(m.get(5))) {
                c[4]++;
                c[5] += "STARTED".equals(m.get(1)) || "COMPLETED".equals(m.get(1)) ? 1 : 0;
                c[6] += "COMPLETED".equals(m.get(1)) ? 1 : 0;
                signedYuan.merge((String) m.get(0), (java.math.BigDecimal) uninterrupted.projects.get(project).get(2),
                        java.math.BigDecimal::add);
            }
        }
        assertThat(counts).as("the reference has projects in 2023-12").isNotEmpty();
        double previousShare = 2;
        for (String line : projects.subList(1, projects.size())) {
            String[] cells = line.split(",", -1);
            long[] c = counts.getOrDefault(cells[1], new long[7]);
            assertThat(List.of(cells[3], cells[4], cells[5], cells[6], cells[7], cells[9], cells[11]))
                    .as(cells[1]).isEqualTo(java.util.Arrays.stream(c).mapToObj(Long::toString).toList());
            java.math.BigDecimal yi = new java.math.BigDecimal("1E8");
            assertThat(new java.math.BigDecimal(cells[8])).as(cells[1] + " signed").isEqualByComparingTo(
                    signedYuan.getOrDefault(cells[1], java.math.BigDecimal.ZERO).divide(yi, 2,
                            java.math.RoundingMode.HALF_UP));
            assertThat(new java.math.BigDecimal(cells[13])).as(cells[1] + " invested").isEqualByComparingTo(
                    investedYuan.getOrDefault(cells[1], java.math.BigDecimal.ZERO).divide(yi, 2,
                            java.math.RoundingMode.HALF_UP));
            double share = c[0] == 0 ? -1 : (double) c[1] / c[0];
            assertThat(share).as(cells[1] + " ranked by share GREEN").isLessThanOrEqualTo(previousShare);
            previousShare = share;
            assertThat(cells[0]).isEqualTo(c[0] == 0 ? "" : Integer.toString(projects.indexOf(line)));
        }
        // the month's bulletin of the quarter's last month has the same figures, in the plan's order, without ranks
        List<String> month = printed("projects", "--month", "2023-12", "--format", "csv");
        assertThat(month.get(0)).isEqualTo(projects.get(0).substring("rank,".length()));
        Map<String, String> byCode = new java.util.HashMap<>();
        projects.subList(1, projects.size()).forEach(l -> byCode.put(l.split(",")[1], l.substring(l.indexOf(',') + 1)));
        assertThat(month.subList(1, month.size())).containsExactlyElementsOf(
                plan.districts().stream().map(d -> byCode.get(d.code())).toList());
        // an unknown quarter is one line and exit code 1
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BeizengCommand.execute("assessment", "--quarter", "2031Q2", "--plan",
                    TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", runDatabase, "--jdbc-user", POSTGRES.user(),
                    "--jdbc-password-file", passwordFile.toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(BeizengCommand.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
                "beizeng: no assessment for 2031Q2 in plan " + plan.planId());
    }

    /** What a report command prints to stdout against the Kafka run's database. */
    private static List<String> printed(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", runDatabase, "--jdbc-user",
                POSTGRES.user(), "--jdbc-password-file", passwordFile.toString()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BeizengCommand.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
        assertThat(exit).as(String.join(" ", args)).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Throws once, mid-stream, after a checkpoint completed; slows the stream so that there is a middle. */
    static final class FailOnceAfterCheckpoint<T> implements MapFunction<T, T>, CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger CHECKPOINTS = new AtomicInteger();
        static volatile int failAfter;
        private int seen;

        static void reset(int afterRecords) {
            FAILED.set(false);
            CHECKPOINTS.set(0);
            failAfter = afterRecords;
        }

        @Override
        public T map(T value) {
            // about 1 ms a record: several checkpoints (every 300 ms) complete before the middle of the stream
            LockSupport.parkNanos(1_000_000);
            if (++seen >= failAfter && CHECKPOINTS.get() > 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }
}
