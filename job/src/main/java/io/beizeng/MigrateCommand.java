package io.beizeng;

import io.beizeng.sink.JdbcTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade the result tables (Flyway migrations of schemas/sql).")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "PostgreSQL JDBC URL; the password comes from BEIZENG_JDBC_PASSWORD.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", required = true, paramLabel = "USER")
    String jdbcUser;

    @Override
    public Integer call() {
        JdbcTarget target = new JdbcTarget(jdbcUrl, jdbcUser, System.getenv(JdbcTarget.PASSWORD_ENV));
        JobCommand.prepareDatabase(target, true);
        System.out.println("database at " + jdbcUrl + " is migrated");
        return 0;
    }
}
