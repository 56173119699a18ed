package io.beizeng.config;

import io.beizeng.StartupException;
import io.beizeng.sink.JdbcTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the results go. The password is never a flag: it comes from a secrets file or the environment variable
 * {@value JdbcTarget#PASSWORD_ENV}.
 */
public final class JdbcOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/beizeng.")
    public String jdbcUrl;

    @Option(names = "--jdbc-user", required = true, paramLabel = "USER", description = "Database user.")
    public String jdbcUser;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE",
            description = "File holding the database password (default: the environment variable "
                    + JdbcTarget.PASSWORD_ENV + ").")
    public Path jdbcPasswordFile;

    public JdbcTarget target() {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(spec.commandLine(),
                    "--jdbc-url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        if (jdbcUrl.contains("password=")) {
            throw new ParameterException(spec.commandLine(),
                    "--jdbc-url must not carry the password; use --jdbc-password-file or " + JdbcTarget.PASSWORD_ENV);
        }
        String password;
        if (jdbcPasswordFile != null) {
            try {
                password = Files.readString(jdbcPasswordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new StartupException("cannot read --jdbc-password-file " + jdbcPasswordFile + ": "
                        + e.getClass().getSimpleName());
            }
        } else {
            password = System.getenv(JdbcTarget.PASSWORD_ENV);
        }
        return new JdbcTarget(jdbcUrl, jdbcUser, password);
    }
}
