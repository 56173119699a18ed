package io.beizeng;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * docker/k8s/: the job's arguments and the migration Job's command parse with the job's own command line; the job
 * logs in as the role the migration Job creates, without migrating; the checkpoint interval is set in one place; the
 * S3 variant enables the S3 plugin of the Flink it runs on and takes credentials from a Secret; the volume variant
 * mounts where its paths point; the PodMonitor scrapes the port the pods name. (LeastPrivilegeIT runs the role's SQL
 * on a real PostgreSQL.)
 */
public class K8sManifestsTest {
    static final Path K8S = Path.of("..", "docker", "k8s");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(K8S.resolve(file)))) {
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    static Map<String, Object> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object n = node;
        for (Object step : path) {
            n = step instanceof Integer i ? ((List<Object>) n).get(i) : ((Map<String, Object>) n).get(step);
            assertThat(n).as("%s in %s", step, List.of(path)).isNotNull();
        }
        return (T) n;
    }

    /** The job's login role: created by the migration Job's SQL. */
    public static String jobLoginRoleSql() throws Exception {
        return at(ofKind(documents("migrate-job.yaml"), "ConfigMap"), "data", "job-login-role.sql");
    }

    private static void parses(List<String> args) {
        new CommandLine(new BeizengCommand()).parseArgs(args.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothDeploymentsRunTheJobAsItsLoginRoleWithTheirStorageWired() throws Exception {
        String s3Plugin = "flink-s3-fs-presto-" + EnvironmentInformation.getVersion() + ".jar";
        for (String file : List.of("flink-deployment.yaml", "flink-deployment-pvc.yaml")) {
            Map<String, Object> deployment = ofKind(documents(file), "FlinkDeployment");
            List<String> args = at(deployment, "spec", "job", "args");
            parses(args);
            assertThat(args).as(file).containsSubsequence("--jdbc-user", "beizeng_job").contains("--no-migrate")
                    .containsSubsequence("--checkpoint-interval", "30s");
            assertThat(jobLoginRoleSql()).contains("ROLE beizeng_job LOGIN").contains("GRANT beizeng_writer TO beizeng_job");
            Map<String, Object> config = at(deployment, "spec", "flinkConfiguration");
            assertThat(config).as("%s: the job's --checkpoint-interval overrides it", file)
                    .doesNotContainKey("execution.checkpointing.interval");
            Map<String, Object> container = at(deployment, "spec", "podTemplate", "spec", "containers", 0);
            String env = container.get("env").toString();
            assertThat(env).contains("name=BEIZENG_JDBC_PASSWORD, valueFrom={secretKeyRef={name=beizeng-db");
            List<String> paths = List.of((String) config.get("execution.checkpointing.dir"),
                    (String) config.get("execution.checkpointing.savepoint-dir"),
                    (String) config.get("high-availability.storageDir"));
            if (paths.get(0).startsWith("s3://")) {
                assertThat(paths).allMatch(p -> p.startsWith("s3://"));
                assertThat(env).contains("name=ENABLE_BUILT_IN_PLUGINS, value=" + s3Plugin)
                        .contains("name=AWS_ACCESS_KEY_ID, valueFrom={secretKeyRef=")
                        .contains("name=AWS_SECRET_ACCESS_KEY, valueFrom={secretKeyRef=");
            } else {
                assertThat(paths).allMatch(p -> p.startsWith("file:///flink-data/"));
                assertThat(container.get("volumeMounts").toString()).contains("mountPath=/flink-data");
                String claim = at(ofKind(documents(file), "PersistentVolumeClaim"), "metadata", "name");
                assertThat(at(deployment, "spec", "podTemplate", "spec", "volumes").toString())
                        .contains("claimName=" + claim);
                assertThat((List<String>) at(ofKind(documents(file), "PersistentVolumeClaim"), "spec", "accessModes"))
                        .containsExactly("ReadWriteMany");
            }
            List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
            String scraped = at(ofKind(documents("podmonitor.yaml"), "PodMonitor"), "spec", "podMetricsEndpoints", 0, "port");
            assertThat(ports).anySatisfy(p -> {
                assertThat(p.get("name")).isEqualTo(scraped);
                assertThat(p.get("containerPort")).isEqualTo(9249);
            });
            assertThat(config.get("metrics.reporter.prom.port")).isEqualTo("9249");
            assertThat(at(ofKind(documents("podmonitor.yaml"), "PodMonitor"), "spec", "selector", "matchLabels").toString())
                    .isEqualTo("{app=" + at(deployment, "metadata", "name") + "}");
        }
    }

    @Test
    void theMigrationJobMigratesAsTheSchemaOwnerThenCreatesTheLoginRole() throws Exception {
        Map<String, Object> job = ofKind(documents("migrate-job.yaml"), "Job");
        List<String> migrate = at(job, "spec", "template", "spec", "initContainers", 0, "command");
        int main = migrate.indexOf("io.beizeng.BeizengJob");
        assertThat(main).isPositive();
        List<String> args = migrate.subList(main + 1, migrate.size());
        assertThat(args.get(0)).isEqualTo("migrate");
        parses(args);
        assertThat(args).containsSubsequence("--jdbc-user", "beizeng").doesNotContain("--jdbc-password");
        List<String> psql = at(job, "spec", "template", "spec", "containers", 0, "command");
        assertThat(psql).contains("ON_ERROR_STOP=1", "/sql/job-login-role.sql");
        assertThat(Files.readString(K8S.resolve("migrate-job.yaml"))).doesNotContainPattern("(?i)password\\s*[:=]\\s*['\"]?\\w");
    }
}
