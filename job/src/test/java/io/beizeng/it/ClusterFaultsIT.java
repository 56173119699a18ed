package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beizeng.config.Plan;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TaskManager process killed with SIGKILL mid-stream on a real standalone cluster: the job recovers from its last
 * checkpoint on a new TaskManager, finishes, and its tables equal the reference (and ingest_audit reconciles).
 */
class ClusterFaultsIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void aKilledTaskManagerLosesNothing() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 31L, 300);
        world.produceTo(KAFKA, 2);
        String db = POSTGRES.createDatabase();
        Path password = Files.createTempDirectory("faults-it").resolve("password");
        Files.writeString(password, POSTGRES.password());

        try (FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(
                Path.of(System.getProperty("beizeng.clusterClasspath")), 2,
                Map.of("heartbeat.timeout", "10000", "restart-strategy.type", "fixed-delay",
                        "restart-strategy.fixed-delay.attempts", "10", "restart-strategy.fixed-delay.delay", "1 s"))) {
            String jarId = cluster.upload(Path.of(System.getProperty("beizeng.clusterJar")));
            String jobId = cluster.run(jarId, "io.beizeng.BeizengJob", List.of("run",
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--bounded", "--group-id", "faults-it",
                    "--plan", TestPlans.ZAOZHUANG_FILE.toAbsolutePath().toString(), "--jdbc-url", db,
                    "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", password.toString(),
                    "--update-interval", "500ms", "--checkpoint-interval", "300ms"), 2);
            // kill as soon as a checkpoint is complete, while the job is still running
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            boolean killed = false;
            while (System.nanoTime() < deadline && !killed) {
                JsonNode checkpoints = cluster.get("/jobs/" + jobId + "/checkpoints");
                String state = cluster.get("/jobs/" + jobId).path("state").asText();
                assertThat(state).as("the job is still running when it is to be disturbed").isNotEqualTo("FINISHED");
                if (checkpoints.path("counts").path("completed").asInt() >= 1 && state.equals("RUNNING")) {
                    assertThat(cluster.killTaskManagers()).isPositive();
                    killed = true;
                } else {
                    Thread.sleep(50);
                }
            }
            assertThat(killed).isTrue();
            cluster.startTaskManager();
            String state = "";
            while (System.nanoTime() < deadline) {
                state = cluster.get("/jobs/" + jobId).path("state").asText();
                if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(state).as("logs in " + cluster.logs()).isEqualTo("FINISHED");
            JsonNode exceptions = cluster.get("/jobs/" + jobId + "/exceptions");
            assertThat(exceptions.path("exceptionHistory").path("entries").size()).as("the job did fail over").isPositive();
        }
        ResultTables tables = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        tables.assertMatches(new Reference(plan, world, 2));
    }
}
