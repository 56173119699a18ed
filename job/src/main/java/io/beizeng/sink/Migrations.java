package io.beizeng.sink;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the SQL migrations of schemas/sql (carried in the jar under db/migration) with Flyway. */
public final class Migrations {
    private Migrations() {}

    /** @return the schema version after migrating */
    public static String migrate(JdbcTarget target) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(target.url(), target.user(), target.password())
                .locations("classpath:db/migration")
                .connectRetries(3)
                .load();
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    }
}
