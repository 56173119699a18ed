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
 * Flink process; and, where the Docker client has compose, {@code docker compose config} accepts it.
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
                "taskmanager-2", "submit", "generator", "prometheus", "grafana");
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
        String prometheus = Files.readString(DOCKER.resolve("prometheus/prometheus.yml"));
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
