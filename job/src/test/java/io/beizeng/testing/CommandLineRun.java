package io.beizeng.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command line in this JVM: its exit code and what it wrote to stderr. */
public record CommandLineRun(int code, String err) {

    public static CommandLineRun of(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLineRun(BeizengCommand.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    /** Exit code {@code code} and one line on stderr, naming each fragment, with no exception or stack trace. */
    public void assertOneLine(int code, String... fragments) {
        assertThat(this.code).as(err).isEqualTo(code);
        assertThat(err.strip().lines()).as(err).hasSize(1);
        assertThat(err).startsWith("beizeng: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(err).contains(f);
        }
    }
}
