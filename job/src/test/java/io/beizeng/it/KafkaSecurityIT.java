package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengCommand;
import io.beizeng.config.Plan;
import io.beizeng.demo.LocalKafka;
import io.beizeng.testing.CommandLineRun;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker that requires SASL/SCRAM-SHA-256 on loopback. The job, given the security settings in a
 * {@code --kafka-properties} file, reads it and its tables equal the reference; without credentials or with a wrong
 * password it stops at once with one line saying why; and a credential passed as a flag is refused.
 */
class KafkaSecurityIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    static Path dir;

    private static final String PASSWORD = UUID.randomUUID().toString();
    private static LocalKafka kafka;
    private static final Plan PLAN = TestPlans.zaozhuang();
    private static TestWorld world;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new LocalKafka(dir.resolve("kafka")).withScramUser("beizeng", PASSWORD);
        kafka.start(2);
        world = TestWorld.generate(PLAN, 61L, 60);
        world.produceTo(kafka.bootstrapServers(), kafka.clientSecurity(), 2);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private static CommandLineRun run(String db, Properties security, String... extra) throws Exception {
        Path password = Files.createTempFile(dir, "db", ".secret");
        Files.writeString(password, POSTGRES.password());
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap-servers", kafka.bootstrapServers(), "--bounded",
                "--plan", TestPlans.ZAOZHUANG_FILE.toAbsolutePath().toString(), "--jdbc-url", db,
                "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", password.toString(),
                "--update-interval", "500ms", "--checkpoint-interval", "1s", "--parallelism", "2"));
        if (security != null) {
            Path file = Files.createTempFile(dir, "kafka", ".properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                security.store(out, null);
            }
            args.addAll(List.of("--kafka-properties", file.toString()));
        }
        args.addAll(List.of(extra));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    private static void assertOneLine(CommandLineRun r, int code, String fragment) {
        r.assertOneLine(code, fragment);
        assertThat(r.err()).doesNotContain(PASSWORD);
    }

    @Test
    void withCredentialsTheJobReadsTheSecuredBroker() throws Exception {
        String db = POSTGRES.createDatabase();
        CommandLineRun r = run(db, kafka.clientSecurity());
        assertThat(r.code()).as(r.err()).isZero();
        ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), PLAN.planId())
                .assertMatches(new Reference(PLAN, world, 2));
    }

    @Test
    void withoutCredentialsItStopsWithOneLine() throws Exception {
        assertOneLine(run(POSTGRES.createDatabase(), null), BeizengCommand.FAILURE,
                "cannot reach Kafka at " + kafka.bootstrapServers());
    }

    @Test
    void withAWrongPasswordItSaysAuthenticationFailed() throws Exception {
        Properties wrong = kafka.clientSecurity();
        wrong.setProperty("sasl.jaas.config", wrong.getProperty("sasl.jaas.config").replace(PASSWORD, "not-it"));
        assertOneLine(run(POSTGRES.createDatabase(), wrong), BeizengCommand.FAILURE, "Authentication failed");
    }

    @Test
    void aCredentialAsAFlagIsRefused() throws Exception {
        CommandLineRun r = run(POSTGRES.createDatabase(), null, "--kafka-property",
                "sasl.jaas.config=" + kafka.clientSecurity().getProperty("sasl.jaas.config"));
        assertOneLine(r, BeizengCommand.USAGE, "--kafka-properties");
    }
}
