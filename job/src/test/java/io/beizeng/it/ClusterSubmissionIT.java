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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded cluster jar on a real Flink standalone session cluster (JobManager and TaskManager in their own JVMs
 * from Flink's Maven artifacts), submitted through the REST API exactly as {@code flink run} and the web UI do,
 * against real Kafka and PostgreSQL: the job reaches RUNNING, finishes, and the tables equal the reference. Catches
 * classpath conflicts between the jar and the cluster.
 */
class ClusterSubmissionIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void theShadedJarRunsOnAStandaloneCluster() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 11L, 25);
        world.produceTo(KAFKA, 2);
        String db = POSTGRES.createDatabase();
        Path secrets = Files.createTempDirectory("cluster-it");
        Path password = secrets.resolve("password");
        Files.writeString(password, POSTGRES.password());
        Path jar = Path.of(System.getProperty("beizeng.clusterJar"));
        assertThat(jar).exists();

        try (FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(
                Path.of(System.getProperty("beizeng.clusterClasspath")), 2, Map.of())) {
            String jarId = cluster.upload(jar);
            String jobId = cluster.run(jarId, "io.beizeng.BeizengJob", List.of("run",
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--bounded", "--group-id", "cluster-it",
                    "--plan", TestPlans.ZAOZHUANG_FILE.toAbsolutePath().toString(), "--jdbc-url", db,
                    "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", password.toString(),
                    "--update-interval", "500ms", "--checkpoint-interval", "1s"), 2);
            Set<String> states = new HashSet<>();
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
            String state = "";
            while (System.nanoTime() < deadline) {
                JsonNode job = cluster.get("/jobs/" + jobId);
                state = job.path("state").asText();
                states.add(state);
                if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
                    break;
                }
                Thread.sleep(200);
            }
            if (!state.equals("FINISHED")) {
                JsonNode exceptions = cluster.get("/jobs/" + jobId + "/exceptions");
                throw new AssertionError("job ended " + state + ": " + exceptions.path("root-exception").asText()
                        + " (logs in " + cluster.logs() + ")");
            }
            assertThat(states).as("states seen").contains("RUNNING");
        }
        ResultTables tables = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        tables.assertMatches(new Reference(plan, world, 2));
    }
}
