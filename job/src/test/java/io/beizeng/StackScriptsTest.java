package io.beizeng;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker stack's scripts and configuration files, run for real: submit.sh against a stand-in cluster (a
 * {@code curl} answering the REST calls and a {@code flink} recording its arguments, both shell scripts on the PATH),
 * init-secrets.sh on a scratch directory, and Prometheus's and Alertmanager's own checkers on their files
 * ({@code promtool}, {@code amtool}: the Debian packages ./run-tests installs).
 */
class StackScriptsTest {
    private static final Path DOCKER = Path.of("..", "docker").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int exit, String output) {}

    private static Result run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ends", List.of(command)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A stand-in cluster: two TaskManagers, jobs in the given state; flink writes its arguments to flink.args. */
    private Map<String, String> cluster(String jobState) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("curl"), """
                case "$*" in
                  */jobs/overview) echo '{"jobs":[{"jid":"1","name":"beizeng","state":"%s"}]}' ;;
                  */overview) echo '{"taskmanagers":2,"slots-total":4}' ;;
                  *) exit 22 ;;
                esac
                """.formatted(jobState));
        script(bin.resolve("flink"), "echo \"$*\" > '" + dir.resolve("flink.args") + "'\n");
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "FLINK_REST", "http://jobmanager:8081",
                "FLINK_DATA", dir.resolve("flink-data").toString());
    }

    private Path metadata(String folder, int secondsAgo) throws IOException {
        Path m = dir.resolve("flink-data").resolve(folder).resolve("_metadata");
        Files.createDirectories(m.getParent());
        Files.writeString(m, "x");
        Files.setLastModifiedTime(m, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        return m.getParent();
    }

    private String submit(Map<String, String> env) throws Exception {
        Result r = run(env, "sh", DOCKER.resolve("submit.sh").toString(), "run", "--plan", "/plans/p.json");
        assertThat(r.exit()).as(r.output()).isZero();
        Path args = dir.resolve("flink.args");
        return Files.exists(args) ? Files.readString(args).strip() : null;
    }

    @Test
    void submitStartsFreshWithoutACheckpointAndPassesTheJobsArguments() throws Exception {
        Map<String, String> env = cluster("FINISHED");
        Files.createDirectories(dir.resolve("flink-data/checkpoints/abc/chk-4")); // no _metadata: incomplete
        assertThat(submit(env)).isEqualTo("run -d -m jobmanager:8081 /jars/beizeng-job.jar run --plan /plans/p.json");
    }

    @Test
    void submitResumesFromTheNewestCompleteCheckpointOrSavepoint() throws Exception {
        Map<String, String> env = cluster("CANCELED");
        metadata("checkpoints/abc/chk-3", 300);
        Path newest = metadata("checkpoints/def/chk-9", 60);
        metadata("savepoints/savepoint-1", 200);
        Files.createDirectories(dir.resolve("flink-data/checkpoints/def/chk-10")); // being written
        assertThat(submit(env)).isEqualTo("run -d -m jobmanager:8081 -s " + newest
                + " /jars/beizeng-job.jar run --plan /plans/p.json");

        Files.delete(dir.resolve("flink.args"));
        Path savepoint = metadata("savepoints/savepoint-2", 10);
        assertThat(submit(env)).contains("-s " + savepoint + " ");
    }

    @Test
    void submitLeavesARunningJobAlone() throws Exception {
        for (String state : List.of("RUNNING", "RESTARTING")) {
            assertThat(submit(cluster(state))).as(state).isNull();
        }
    }

    @Test
    void initSecretsMakesADirectoryOnlyItsOwnerEntersAndKeepsExistingPasswords() throws Exception {
        Path secrets = dir.resolve("secrets");
        Map<String, String> env = Map.of("BEIZENG_SECRETS_DIR", secrets.toString());
        assertThat(run(env, "sh", DOCKER.resolve("init-secrets.sh").toString()).exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        List<String> passwords = new ArrayList<>();
        for (String name : List.of("postgres_password", "reader_password", "grafana_admin_password")) {
            Path file = secrets.resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
            String password = Files.readString(file);
            assertThat(password).matches("[A-Za-z0-9]{20,}");
            passwords.add(password);
        }
        assertThat(passwords).doesNotHaveDuplicates();
        Result again = run(env, "sh", DOCKER.resolve("init-secrets.sh").toString());
        assertThat(again.exit()).isZero();
        assertThat(again.output()).doesNotContain("created");
        assertThat(Files.readString(secrets.resolve("postgres_password"))).isEqualTo(passwords.get(0));
    }

    @Test
    void prometheusAndAlertmanagerAcceptTheirFiles() throws Exception {
        Result rules = run(Map.of(), "promtool", "check", "rules", DOCKER.resolve("prometheus/alerts.yml").toString());
        assertThat(rules.exit()).as(rules.output()).isZero();
        // the rule file's path is the container's: check the configuration's own syntax here
        Result config = run(Map.of(), "promtool", "check", "config", "--syntax-only",
                DOCKER.resolve("prometheus/prometheus.yml").toString());
        assertThat(config.exit()).as(config.output()).isZero();
        Result alertmanager = run(Map.of(), "amtool", "check-config",
                DOCKER.resolve("alertmanager/alertmanager.yml").toString());
        assertThat(alertmanager.exit()).as(alertmanager.output()).isZero();
        assertThat(alertmanager.output()).contains("1 receivers");
    }
}
