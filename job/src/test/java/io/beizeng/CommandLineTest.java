package io.beizeng;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.testing.TestPlans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad arguments and failures at start: one line on stderr, a non-zero exit code, no stack trace. */
class CommandLineTest {
    private record Result(int code, String err) {}

    private static Result run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(BeizengCommand.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private static void assertOneLine(Result r, int code, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("beizeng: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void noCommand() {
        assertOneLine(run(), BeizengCommand.USAGE, "run, replay or migrate");
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
