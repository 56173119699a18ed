package io.beizeng.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.generator.EventGenerator;
import io.beizeng.generator.JsonLinesOutput;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code java -jar beizeng-local.jar replay} with every logger at DEBUG and a distinctive database password
 * (from a secrets file), then reads every line the run logged or printed: the password must appear nowhere, neither
 * in our logs nor in Flink's configuration dump.
 */
class SecretsInLogsIT {
    @Test
    void thePasswordAppearsInNoLogLine() throws Exception {
        Path jar = Path.of(System.getProperty("beizeng.localJar"));
        Path dir = Files.createTempDirectory("secrets-it");
        Plan plan = PlanLoader.load(Path.of("..", "schemas", "plans", "zaozhuang-sample.json"));
        try (JsonLinesOutput out = new JsonLinesOutput(dir.resolve("input"))) {
            new EventGenerator(plan, new EventGenerator.Settings(1, 40, EventGenerator.Granularity.MONTHLY, 0.01,
                    0.01, 0.001, 0.01)).generate(LocalDate.of(2022, 1, 1), LocalDate.of(2023, 6, 30), out);
        }
        String secret = "pw-" + UUID.randomUUID();
        Path password = dir.resolve("password");
        Files.writeString(password, secret);
        Path log = dir.resolve("run.log");
        Path config = dir.resolve("log4j2-debug.properties");
        Files.writeString(config, String.join("\n", "rootLogger.level = DEBUG", "rootLogger.appenderRef.file.ref = file",
                "appender.file.type = File", "appender.file.name = file", "appender.file.fileName = " + log,
                "appender.file.layout.type = PatternLayout", "appender.file.layout.pattern = %d %p %c - %m%n", ""));

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.resolve("pg").toFile())
                .setDataDirectory(dir.resolve("pgdata")).start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            Process run = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Dlog4j.configurationFile=" + config, "-Djava.io.tmpdir=" + dir, "-jar", jar.toString(), "replay",
                    "--input", dir.resolve("input").toString(), "--plan", "../schemas/plans/zaozhuang-sample.json",
                    "--jdbc-url", url, "--jdbc-user", "postgres", "--jdbc-password-file", password.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
            assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(run.exitValue()).as(Files.readString(dir.resolve("console.txt"))).isZero();
        }
        String logged = Files.readString(log, StandardCharsets.UTF_8);
        String console = Files.readString(dir.resolve("console.txt"), StandardCharsets.UTF_8);
        assertThat(logged.lines().count()).as("a DEBUG run logs a lot").isGreaterThan(1000);
        assertThat(logged).contains("district_progress"); // the run really did its work and logged about it
        assertThat(logged).doesNotContain(secret);
        assertThat(console).doesNotContain(secret);
    }
}
