package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengCommand;
import io.beizeng.config.Plan;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.testing.CommandLineRun;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts, restarts and failures of the commands as a user meets them, on a real Kafka broker, a real PostgreSQL and
 * a Flink mini cluster: a fresh start after an earlier run recomputes from the earliest offsets; one over topics that
 * lost their first records is refused unless asked for; a replay with a file missing treats it as an empty stream;
 * a bounded command that keeps failing ends with exit code 1 after its restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RestartsIT {
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
    /** The database of the fresh-start test: it holds the plan's rows. */
    private static String filledDatabase;

    @BeforeAll
    static void createTheWorld() throws Exception {
        plan = TestPlans.zaozhuang();
        world = TestWorld.generate(plan, 20261204L, 40);
        passwordFile = Files.createTempDirectory("restarts-it").resolve("jdbc-password");
        Files.writeString(passwordFile, POSTGRES.password() + "\n");
    }

    private static CommandLineRun command(String db, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", db, "--jdbc-user",
                POSTGRES.user(), "--jdbc-password-file", passwordFile.toString(), "--parallelism", "2",
                "--update-interval", "500ms", "--checkpoint-interval", "1s"));
        return CommandLineRun.of(all.toArray(String[]::new));
    }

    private static CommandLineRun boundedRun(String db, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--bounded"));
        args.addAll(List.of(extra));
        return command(db, args.toArray(String[]::new));
    }

    private static ResultTables tables(String db) throws Exception {
        return ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
    }

    @Test
    @Order(1)
    void aStartWithoutStateAfterAnEarlierRunRecomputesFromTheEarliestOffsets() throws Exception {
        List<TestWorld> halves = world.splitAt(OffsetDateTime.parse("2023-12-16T00:00:00+08:00").toInstant()
                .toEpochMilli());
        assertThat(halves.get(0).recordCount()).isPositive().isLessThan(world.recordCount());
        halves.get(0).produceTo(KAFKA, PARTITIONS);
        String db = POSTGRES.createDatabase();
        // the same command twice, default consumer group: the second start has no state to restore
        assertThat(boundedRun(db).code()).isZero();
        long receivedFirst = ResultTables.received(db, POSTGRES.user(), POSTGRES.password());
        assertThat(receivedFirst).isEqualTo(halves.get(0).recordCount());

        halves.get(1).appendTo(KAFKA, PARTITIONS);
        CommandLineRun second = boundedRun(db);
        assertThat(second.code()).as(second.err()).isZero();
        filledDatabase = db;
        ResultTables recomputed = tables(db);
        recomputed.assertMatches(new Reference(plan, world, PARTITIONS));

        // and equal, table for table, to one undisturbed run over the whole input
        String undisturbedDb = POSTGRES.createDatabase();
        assertThat(boundedRun(undisturbedDb, "--group-id", "undisturbed").code()).isZero();
        recomputed.assertSameAs(tables(undisturbedDb));
    }

    @Test
    @Order(2)
    void aStartWithoutStateOverTopicsThatLostTheirFirstRecordsIsRefusedUnlessAsked() throws Exception {
        assertThat(filledDatabase).as("the first test filled a database").isNotNull();
        TopicPartition first = new TopicPartition(SourceTopic.PRODUCTION.defaultTopic(), 0);
        KAFKA.admin().deleteRecords(Map.of(first, RecordsToDelete.beforeOffset(25))).all().get();
        long receivedBefore = ResultTables.received(filledDatabase, POSTGRES.user(), POSTGRES.password());

        CommandLineRun refused = boundedRun(filledDatabase);
        refused.assertOneLine(BeizengCommand.FAILURE, "topic " + first.topic() + " no longer holds its first records",
                "partition 0 starts at offset 25", "--overwrite-with-partial-history");
        assertThat(ResultTables.received(filledDatabase, POSTGRES.user(), POSTGRES.password()))
                .as("nothing was written").isEqualTo(receivedBefore);

        // asked for: the tables are recomputed from what the topics still hold
        CommandLineRun asked = boundedRun(filledDatabase, "--overwrite-with-partial-history");
        assertThat(asked.code()).as(asked.err()).isZero();
        assertThat(ResultTables.received(filledDatabase, POSTGRES.user(), POSTGRES.password(),
                SourceTopic.PRODUCTION.id())).isEqualTo(world.production.size() - 25);

        // a database without rows of the plan has nothing to lose: no flag needed
        assertThat(boundedRun(POSTGRES.createDatabase()).code()).isZero();
    }

    @Test
    @Order(3)
    void aReplayWithAFileMissingReadsItAsAnEmptyStream() throws Exception {
        for (SourceTopic missing : SourceTopic.values()) {
            Path dir = Files.createTempDirectory("replay-without-" + missing.id());
            world.writeJsonLines(dir);
            Files.delete(dir.resolve(missing.fileName()));
            String db = POSTGRES.createDatabase();
            long started = System.nanoTime();
            CommandLineRun replay = command(db, "replay", "--input", dir.toString());
            assertThat(replay.code()).as("replay without " + missing.fileName() + ": " + replay.err()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it ends").isLessThan(Duration.ofMinutes(2));
            tables(db).assertMatches(new Reference(plan, world.without(missing), 0), false);
        }
    }

    @Test
    @Order(4)
    void aBoundedCommandThatKeepsFailingEndsWithExitCode1AfterItsRestarts() throws Exception {
        // a login allowed fewer connections than the job's sinks open: every attempt fails the same way
        String db = POSTGRES.createDatabase();
        Migrations.migrate(new JdbcTarget(db, POSTGRES.user(), POSTGRES.password()));
        try (Connection admin = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE few_connections LOGIN PASSWORD 'limited-secret-3' CONNECTION LIMIT 2 "
                    + "IN ROLE beizeng_writer");
        }
        Path dir = Files.createTempDirectory("replay-failing");
        world.writeJsonLines(dir);
        Path password = dir.resolve("password");
        Files.writeString(password, "limited-secret-3");
        for (String[] command : List.of(new String[] {"replay", "--input", dir.toString()},
                new String[] {"run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--bounded"})) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.addAll(List.of("--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", db, "--jdbc-user",
                    "few_connections", "--jdbc-password-file", password.toString(), "--no-migrate",
                    "--parallelism", "2", "--checkpoint-interval", "1s"));
            long started = System.nanoTime();
            CommandLineRun failed = CommandLineRun.of(args.toArray(String[]::new));
            failed.assertOneLine(BeizengCommand.FAILURE, "job failed after 3 restarts",
                    "too many connections for role \"few_connections\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(command[0] + " ends")
                    .isLessThan(Duration.ofMinutes(3));
        }
    }
}
