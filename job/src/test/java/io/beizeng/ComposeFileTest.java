package io.beizeng;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/docker-compose.yml: every image pinned to a version, every mounted file present, Prometheus scraping every
 * Flink process and alerting through Alertmanager, checkpoints retained on a volume Flink owns, the job resubmitted
 * from them; and, where the Docker client has compose, {@code docker compose config} accepts it.
 */
class ComposeFileTest {
    private static final Path DOCKER = Path.of("..", "docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStackIsPinnedAndComplete() throws Exception {
        Map<String, Object> compose = yaml(DOCKER.resolve("docker-compose.yml"));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("kafka", "topics", "postgres", "jobmanager", "taskmanager-1",
                "taskmanager-2", "submit", "generator", "prometheus", "alertmanager", "grafana", "volume-init");
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            // YAML 1.2 has no merge keys: apply "<<: *flink" by hand
            Map<String, Object> service = new java.util.HashMap<>();
            if (s.getValue().get("<<") instanceof Map<?, ?> base) {
                service.putAll((Map<String, Object>) base);
            }
            service.putAll(s.getValue());
            s.setValue(service);
            String image = (String) s.getValue().get("image");
            assertThat(image).as("image of %s", s.getKey()).isNotNull().matches(".+:[0-9v][^:]*$")
                    .doesNotEndWith(":latest");
            for (Object v : (List<Object>) s.getValue().getOrDefault("volumes", List.of())) {
                String source = v.toString().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(source.contains("/target/") || Files.exists(DOCKER.resolve(source)))
                            .as("%s mounts %s", s.getKey(), source).isTrue();
                }
            }
        }
        // the generator's command is one the job's command line accepts, and a generator started again (after
        // `down` and `up`, or a restart of the service) does not send its history twice (GeneratorRestartIT)
        String generator = services.get("generator").get("command").toString().strip();
        assertThat(generator).startsWith("java -jar /jars/beizeng-local.jar generate ").contains(" --history-once");
        List<String> generatorArgs = List.of(generator.substring(generator.indexOf(" generate ") + 1).split("\\s+"));
        new picocli.CommandLine(new BeizengCommand()).parseArgs(generatorArgs.toArray(String[]::new));
        // every Flink process writes checkpoints to the volume only after volume-init has made it Flink's
        for (String flink : List.of("jobmanager", "taskmanager-1", "taskmanager-2", "submit")) {
            assertThat(services.get(flink).get("depends_on").toString()).as("%s waits for volume-init", flink)
                    .contains("volume-init={condition=service_completed_successfully}");
        }
        String flinkProperties = ((Map<String, Object>) services.get("jobmanager").get("environment"))
                .get("FLINK_PROPERTIES").toString();
        assertThat(flinkProperties).contains("externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
                "checkpointing.dir: file:///flink-data/checkpoints");
        assertThat(services.get("submit").get("restart")).isEqualTo("on-failure");
        assertThat(services.get("submit").get("entrypoint").toString()).contains("submit.sh");
        assertThat(services.get("postgres").get("healthcheck").toString()).contains("pg_isready -h 127.0.0.1");
        assertThat(services.get("kafka").get("volumes").toString()).contains("kafka-data:/var/lib/kafka/data");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("pgdata", "flink-data", "kafka-data");
        String prometheus = Files.readString(DOCKER.resolve("prometheus/prometheus.yml"));
        assertThat(prometheus).contains("'alertmanager:9093'");
        for (String flink : List.of("jobmanager", "taskmanager-1", "taskmanager-2")) {
            assertThat(prometheus).contains("'" + flink + ":9249'");
        }
        assertThat(DOCKER.resolve("k8s/flink-deployment.yaml")).exists();
        assertThat(yaml(DOCKER.resolve("k8s/flink-deployment.yaml"))).containsEntry("kind", "FlinkDeployment");
        dockerComposeAcceptsItWhereTheClientHasCompose();
    }

    /** Only where a Docker client with the compose plugin exists (this project's machines have the bare client). */
    private static void dockerComposeAcceptsItWhereTheClientHasCompose() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        } catch (java.io.IOException noDocker) {
            return;
        }
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            return; // a Docker client without the compose plugin: the structural checks stand alone
        }
        Process config = new ProcessBuilder("docker", "compose", "-f", DOCKER.resolve("docker-compose.yml").toString(),
                "config", "--quiet").redirectErrorStream(true).start();
        String out = new String(config.getInputStream().readAllBytes());
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(out).isZero();
    }
}
