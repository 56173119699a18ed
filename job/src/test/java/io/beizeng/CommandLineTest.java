package io.beizeng;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.testing.CommandLineRun;
import io.beizeng.testing.TestPlans;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad arguments and failures at start: one line on stderr, a non-zero exit code, no stack trace. */
class CommandLineTest {
    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    private static void assertOneLine(CommandLineRun r, int code, String... fragments) {
        r.assertOneLine(code, fragments);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void noCommand() {
        assertOneLine(run(), BeizengCommand.USAGE, "name a command: run, replay, migrate");
    }

    @Test
    void unknownOptionAndBadValues() {
        assertOneLine(run("replay", "--input", ".", "--plan", "p.json", "--jdbc-url", "jdbc:postgresql://x/y",
                "--jdbc-user", "u", "--bogus"), BeizengCommand.USAGE, "--bogus");
        assertOneLine(run("replay", "--input", ".", "--plan", "p.json", "--jdbc-url", "jdbc:postgresql://x/y",
                "--jdbc-user", "u", "--allowed-lateness", "soon"), BeizengCommand.USAGE, "--allowed-lateness");
        assertOneLine(run("replay", "--input", ".", "--plan", "p.json", "--jdbc-url", "jdbc:mysql://x/y",
                "--jdbc-user", "u"), BeizengCommand.USAGE, "--jdbc-url");
        assertOneLine(run("replay", "--input", ".", "--plan", "p.json", "--jdbc-url",
                "jdbc:postgresql://x/y?password=secret", "--jdbc-user", "u"), BeizengCommand.USAGE, "password");
        assertOneLine(run("replay", "--input", ".", "--plan", "p.json", "--jdbc-url", "jdbc:postgresql://x/y",
                "--jdbc-user", "u", "--parallelism", "0"), BeizengCommand.USAGE, "--parallelism");
    }

    @Test
    void missingRequiredOption() {
        assertOneLine(run("run", "--plan", "p.json"), BeizengCommand.USAGE, "Missing required");
    }

    @Test
    void anInvalidPlanNamesTheField() throws Exception {
        Path plan = Files.createTempFile("plan", ".json");
        Files.writeString(plan, Files.readString(TestPlans.ZAOZHUANG_FILE).replace("\"baselineYear\": 2023", "\"baselineYear\": 2030"));
        assertOneLine(run("replay", "--input", ".", "--plan", plan.toString(), "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/x", "--jdbc-user", "u"),
                BeizengCommand.FAILURE, "invalid plan", "targetYear");
    }

    @Test
    void anUnreachableDatabase() throws Exception {
        int port = closedPort();
        assertOneLine(run("replay", "--input", ".", "--plan", TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:" + port + "/x", "--jdbc-user", "u", "--no-migrate"),
                BeizengCommand.FAILURE, "cannot reach the database", String.valueOf(port));
        assertOneLine(run("migrate", "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + port + "/x", "--jdbc-user", "u"),
                BeizengCommand.FAILURE, "cannot migrate the database");
    }
}
