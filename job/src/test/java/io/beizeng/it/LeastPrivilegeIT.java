package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beizeng.BeizengCommand;
import io.beizeng.K8sManifestsTest;
import io.beizeng.config.Plan;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migrations' roles: the job runs with nothing but beizeng_writer and its results are right; the writer cannot
 * drop or alter tables; beizeng_reader reads but cannot write.
 */
class LeastPrivilegeIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @Test
    void theJobNeedsOnlyTheWriterRoleAndTheReaderOnlyReads() throws Exception {
        String db = POSTGRES.createDatabase();
        Migrations.migrate(new JdbcTarget(db, POSTGRES.user(), POSTGRES.password()));
        try (Connection admin = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = admin.createStatement()) {
            // the job's login role as docker/k8s/migrate-job.yaml creates it, run twice (the Job may be re-run)
            s.execute("SET beizeng.job_password = 'writer-secret-1'");
            s.execute(K8sManifestsTest.jobLoginRoleSql());
            s.execute(K8sManifestsTest.jobLoginRoleSql());
            s.execute("CREATE ROLE analyst_login LOGIN PASSWORD 'reader-secret-2' IN ROLE beizeng_reader");
        }

        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 3L, 15);
        Path dir = Files.createTempDirectory("least-privilege");
        world.writeJsonLines(dir);
        Path password = dir.resolve("password");
        Files.writeString(password, "writer-secret-1");
        int exit = BeizengCommand.execute("replay", "--input", dir.toString(), "--plan",
                TestPlans.ZAOZHUANG_FILE.toString(), "--jdbc-url", db, "--jdbc-user", "beizeng_job",
                "--jdbc-password-file", password.toString(), "--no-migrate", "--parallelism", "2");
        assertThat(exit).isZero();
        ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId())
                .assertMatches(new Reference(plan, world, 0));

        try (Connection writer = DriverManager.getConnection(db, "beizeng_job", "writer-secret-1");
                Statement s = writer.createStatement()) {
            assertThat(s.executeUpdate("UPDATE ingest_audit SET updated_at = now()")).isPositive();
            for (String forbidden : new String[] {"DROP TABLE district_progress", "ALTER TABLE district_progress ADD COLUMN x int",
                "TRUNCATE rejected_events", "DELETE FROM ingest_audit", "CREATE TABLE sneaky (x int)",
                "DROP VIEW v_district_progress"}) {
                assertThatThrownBy(() -> s.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
        try (Connection reader = DriverManager.getConnection(db, "analyst_login", "reader-secret-2");
                Statement s = reader.createStatement()) {
            try (var rs = s.executeQuery("SELECT count(*) FROM v_monthly_bulletin")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
            for (String forbidden : new String[] {"UPDATE district_progress SET rank = 1",
                "INSERT INTO ingest_audit VALUES ('x', 0, 0, 0, 0, now())", "DELETE FROM progress_alerts",
                "DROP TABLE town_activity", "CREATE TABLE sneaky (x int)"}) {
                assertThatThrownBy(() -> s.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
    }
}
