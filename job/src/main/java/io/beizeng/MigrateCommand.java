package io.beizeng;

import io.beizeng.config.JdbcOptions;
import io.beizeng.sink.JdbcTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade the result tables (Flyway migrations of schemas/sql).")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    JdbcOptions jdbc;

    @Override
    public Integer call() {
        JdbcTarget target = jdbc.target();
        JobCommand.prepareDatabase(target, true);
        System.out.println("database at " + target.url() + " is migrated");
        return 0;
    }
}
