package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.AlertTopic;
import io.beizeng.testing.FlinkStandaloneCluster;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop-with-savepoint mid-stream on a real standalone cluster, then a fresh upload of the job jar started from that
 * savepoint (every piece of state must find its operator by uid; Kryo fallback is an error in every run of the job).
 * The restored run ends with the same tables as an undisturbed run of the same input beside it.
 *
 * <p>Both runs are unbounded: a bounded Kafka source restored from a savepoint never finishes (FLINK-31006), so the
 * end is the moment every record is accounted for in ingest_audit and the tables hold still.
 */
class SavepointUpgradeIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    /**
     * Watermarks are not part of a checkpoint: after the restore, a stream with no new records (here investments,
     * all read before the savepoint) holds results back until it is declared idle. Not shorter: a partition's idle
     * timer starts when its split is assigned, and when its first records take longer than the timeout to arrive
     * (two jobs starting at once on a slow machine, the group coordinator still coming up), the partition is
     * declared idle, the other one moves the dedupe's watermark on alone, and its first records are rejected as
     * LATE there. That made either run here differ from the other at 5 s (README, Guarantees: a known limit).
     */
    private static final String IDLE_TIMEOUT = "20s";

    @TempDir
    Path dir;

    @Test
    void aJobRestoredFromASavepointEndsWithTheTablesOfAnUndisturbedRun() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 71L, 300);
        world.produceTo(KAFKA, 2);
        KAFKA.createTopic("beizeng.alerts.undisturbed", 1);
        long total = world.recordCount();
        String undisturbedDb = POSTGRES.createDatabase();
        String upgradedDb = POSTGRES.createDatabase();
        Path password = dir.resolve("password");
        Files.writeString(password, POSTGRES.password());
        Path jar = Path.of(System.getProperty("beizeng.clusterJar"));

        try (FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(
                Path.of(System.getProperty("beizeng.clusterClasspath")), 4,
                Map.of("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString()))) {
            String jarId = cluster.upload(jar);
            String undisturbed = cluster.run(jarId, "io.beizeng.BeizengJob",
                    args(undisturbedDb, password, "undisturbed", "beizeng.alerts.undisturbed"), 2);
            String first = cluster.run(jarId, "io.beizeng.BeizengJob",
                    args(upgradedDb, password, "upgraded", AlertTopic.DEFAULT_TOPIC), 2);

            // the savepoint comes once every investment has its outcome, as the idle timeout above assumes (a run
            // stopped before that once rejected the first two investments as LATE after the restore)
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ResultTables.received(upgradedDb, POSTGRES.user(), POSTGRES.password(),
                    SourceTopic.INVESTMENT.id()) < world.investment.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String savepoint = cluster.stopWithSavepoint(first, dir.resolve("savepoints"));
            long atStop = ResultTables.received(upgradedDb, POSTGRES.user(), POSTGRES.password());
            assertThat(atStop).as("the savepoint is taken mid-stream").isPositive().isLessThan(total);
            assertThat(cluster.get("/jobs/" + first).path("state").asText()).isEqualTo("FINISHED");

            // a new build is a new upload: nothing of the first run's classes or state is reused but the savepoint
            String newJarId = cluster.upload(jar);
            String restored = cluster.run(newJarId, "io.beizeng.BeizengJob",
                    args(upgradedDb, password, "upgraded", AlertTopic.DEFAULT_TOPIC), 2, savepoint);

            ResultTables expected = awaitAllReadAndStill(undisturbedDb, "undisturbed", plan);
            ResultTables actual = awaitAllReadAndStill(upgradedDb, "upgraded", plan);
            assertThat(cluster.get("/jobs/" + restored + "/checkpoints").path("latest").path("restored")
                    .path("external_path").asText()).as("the restored run started from the savepoint")
                    .isEqualTo(savepoint);
            for (String job : List.of(undisturbed, restored)) {
                assertThat(cluster.get("/jobs/" + job).path("state").asText()).as(job + " still runs").isEqualTo("RUNNING");
                assertThat(cluster.get("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size())
                        .as("no failure in " + job).isZero();
            }
            System.out.printf("SavepointUpgradeIT: savepoint after %d of %d records%n", atStop, total);
            actual.assertSameAs(expected);
        }
    }

    private List<String> args(String db, Path password, String group, String alertsTopic) {
        return List.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--group-id", group,
                "--alerts-topic", alertsTopic, "--plan", TestPlans.ZAOZHUANG_FILE.toAbsolutePath().toString(),
                "--jdbc-url", db, "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", password.toString(),
                "--update-interval", "300ms", "--checkpoint-interval", "1s", "--idle-timeout", IDLE_TIMEOUT);
    }

    /**
     * Waits until the group's committed offsets (committed at each checkpoint) reach the end of every input topic,
     * then until the tables have not changed for 25 s (longer than the idle timeout). (The last records' outcome waits for a watermark that an
     * unbounded run never gets, so ingest_audit does not reach the record count.)
     */
    private static ResultTables awaitAllReadAndStill(String db, String group, Plan plan) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!allRead(group)) {
            assertThat(System.nanoTime()).as("group " + group + " reads every record").isLessThan(deadline);
            Thread.sleep(500);
        }
        ResultTables last = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        while (System.nanoTime() < deadline) {
            Thread.sleep(25_000);
            ResultTables now = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
            if (now.sameAs(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the tables of " + db + " did not hold still");
    }

    private static boolean allRead(String group) {
        return KAFKA.consumerLag(group, SourceTopic.defaultTopics().values()) == 0;
    }

}
