package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beizeng.config.Plan;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.FlinkStandaloneCluster;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JobManager killed with SIGKILL mid-stream on a real standalone cluster with ZooKeeper high availability (a real
 * ZooKeeper server from Curator's test artifacts): a JobManager started again takes the leadership, recovers the job
 * from the HA store and resumes it from its latest checkpoint. The run is unbounded (a bounded Kafka run does not
 * finish after a JobManager failover, FLINK-31006): once every record is read and committed, it is stopped with a
 * draining savepoint, and its tables equal the reference.
 */
class JobManagerFailoverIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void aKilledJobManagerIsReplacedAndTheJobResumesFromItsLatestCheckpoint() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 47L, 300);
        world.produceTo(KAFKA, 2);
        String db = POSTGRES.createDatabase();
        Path tmp = Files.createTempDirectory("jm-failover-it");
        Path password = tmp.resolve("password");
        Files.writeString(password, POSTGRES.password());

        InstanceSpec spec = new InstanceSpec(tmp.resolve("zookeeper").toFile(), -1, -1, -1, true, -1, -1, -1,
                Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
        Map<String, String> ha = new HashMap<>();
        try (TestingServer zookeeper = new TestingServer(spec, true)) {
            ha.put("high-availability.type", "zookeeper");
            ha.put("high-availability.zookeeper.quorum", zookeeper.getConnectString());
            ha.put("high-availability.storageDir", tmp.resolve("ha").toUri().toString());
            ha.put("high-availability.cluster-id", "/jm-failover-it");
            ha.put("high-availability.zookeeper.client.session-timeout", "6000");
            ha.put("high-availability.zookeeper.client.connection-timeout", "3000");
            ha.put("heartbeat.timeout", "10000");
            ha.put("restart-strategy.type", "fixed-delay");
            ha.put("restart-strategy.fixed-delay.attempts", "10");
            ha.put("restart-strategy.fixed-delay.delay", "1 s");
            try (FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(
                    Path.of(System.getProperty("beizeng.clusterClasspath")), 2, ha)) {
                String jarId = cluster.upload(Path.of(System.getProperty("beizeng.clusterJar")));
                String jobId = cluster.run(jarId, "io.beizeng.BeizengJob", List.of("run",
                        "--bootstrap-servers", KAFKA.bootstrapServers(), "--group-id", "jm-failover-it",
                        "--plan", TestPlans.ZAOZHUANG_FILE.toAbsolutePath().toString(), "--jdbc-url", db,
                        "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", password.toString(),
                        "--checkpoint-dir", tmp.resolve("checkpoints").toUri().toString(),
                        "--update-interval", "500ms", "--checkpoint-interval", "300ms"), 2);
                // kill the JobManager as soon as a checkpoint is complete, while the job is still running
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                long completedBefore = 0;
                while (System.nanoTime() < deadline) {
                    JsonNode checkpoints = cluster.get("/jobs/" + jobId + "/checkpoints");
                    String state = cluster.get("/jobs/" + jobId).path("state").asText();
                    assertThat(state).as("the job is still running when it is to be disturbed").isNotEqualTo("FINISHED");
                    completedBefore = checkpoints.path("counts").path("completed").asLong();
                    if (completedBefore >= 1 && state.equals("RUNNING")) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(completedBefore).as("a checkpoint completed before the kill").isPositive();
                cluster.killJobManager();
                cluster.startJobManager();

                // the new JobManager recovers the job from its latest checkpoint and reads every record
                JsonNode restored = null;
                while (System.nanoTime() < deadline && restored == null) {
                    try {
                        JsonNode latest = cluster.get("/jobs/" + jobId + "/checkpoints").path("latest");
                        if (latest.path("restored").path("id").asLong() > 0
                                && cluster.get("/jobs/" + jobId).path("state").asText().equals("RUNNING")) {
                            restored = latest.path("restored");
                        }
                    } catch (Exception notYet) {
                        // the new JobManager is not leader yet, or has not recovered the job yet
                    }
                    Thread.sleep(300);
                }
                assertThat(restored).as("the job resumed from a checkpoint; logs in " + cluster.logs()).isNotNull();
                while (KAFKA.consumerLag("jm-failover-it", SourceTopic.defaultTopics().values()) > 0) {
                    assertThat(System.nanoTime()).as("every record read; logs in " + cluster.logs()).isLessThan(deadline);
                    Thread.sleep(300);
                }
                cluster.stopWithSavepoint(jobId, tmp.resolve("savepoints"), true);
                assertThat(cluster.get("/jobs/" + jobId).path("state").asText()).isEqualTo("FINISHED");
            }
        }
        ResultTables tables = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        tables.assertMatches(new Reference(plan, world, 2));
    }
}
