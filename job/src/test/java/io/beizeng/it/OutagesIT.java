package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengPipeline;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.demo.LocalKafka;
import io.beizeng.ingest.InputStreams;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers around the job go away mid-stream and come back: the Kafka broker is restarted, PostgreSQL is stopped
 * for 30 s. The job rides it out (the JDBC sink retries, then the job restarts from its last checkpoint until the
 * database answers again) and ends with tables equal to the reference, ingest_audit reconciled. Both outages are
 * shorter than the idle timeout, as the README's guarantee requires.
 */
class OutagesIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /**
     * The default. An outage shorter than this changes no result; a longer one lets the partitions that come back
     * first move the watermark on, and records of the others may then be rejected as LATE (see README, Guarantees).
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void aKafkaBrokerRestartedMidStreamLosesNothing() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 51L, 1000);
        String db = POSTGRES.createDatabase();
        try (LocalKafka kafka = new LocalKafka(dir.resolve("kafka"))) {
            kafka.start(2);
            world.produceTo(kafka.bootstrapServers(), kafka.clientSecurity(), 2);
            JobClient job = startBounded(plan, kafka.bootstrapServers(), db);
            try {
                long received = awaitMidStream(db, world);
                kafka.stop();
                Thread.sleep(10_000);
                assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job waits for the broker")
                        .isFalse();
                kafka.start();
                job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
                System.out.printf("OutagesIT: broker restarted after %d of %d records%n", received, total(world));
            } finally {
                cancelIfRunning(job);
            }
        }
        ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId())
                .assertMatches(new Reference(plan, world, 2));
    }

    @Test
    void postgresStoppedForThirtySecondsMidStreamLosesNothing() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 52L, 1000);
        String db = POSTGRES.createDatabase();
        try (LocalKafka kafka = new LocalKafka(dir.resolve("kafka"))) {
            kafka.start(2);
            world.produceTo(kafka.bootstrapServers(), kafka.clientSecurity(), 2);
            JobClient job = startBounded(plan, kafka.bootstrapServers(), db);
            try {
                long received = awaitMidStream(db, world);
                POSTGRES.stopServer();
                try {
                    Thread.sleep(30_000);
                    assertThat(job.getJobStatus().get().isGloballyTerminalState())
                            .as("the job cannot finish without its database, and does not give up").isFalse();
                } finally {
                    POSTGRES.startServer();
                }
                job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
                System.out.printf("OutagesIT: database stopped after %d of %d records%n", received, total(world));
            } finally {
                cancelIfRunning(job);
            }
        }
        ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId())
                .assertMatches(new Reference(plan, world, 2));
    }

    private static JobClient startBounded(Plan plan, String bootstrapServers, String db) throws Exception {
        JdbcTarget target = new JdbcTarget(db, POSTGRES.user(), POSTGRES.password());
        Migrations.migrate(target);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(BeizengPipeline.jobConfiguration());
        env.setParallelism(2);
        env.enableCheckpointing(500);
        JobSettings settings = new JobSettings(Duration.ofDays(1), Duration.ofDays(35), Duration.ofDays(7),
                Duration.ofMillis(200), IDLE_TIMEOUT);
        BeizengPipeline.build(plan, settings, InputStreams.fromKafka(env, plan, settings,
                new InputStreams.KafkaInput(bootstrapServers, SourceTopic.defaultTopics(), "outages", true,
                        new Properties())), BeizengPipeline.Outputs.jdbc(target, 200));
        return env.executeAsync("outages");
    }

    /** Waits until the job has written results but not yet seen every record; returns the records seen then. */
    private static long awaitMidStream(String db, TestWorld world) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long received = 0;
        while (received == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            received = query(db, "SELECT coalesce(sum(received), 0) FROM ingest_audit");
        }
        assertThat(received).as("the job has started writing").isPositive();
        assertThat(received).as("the outage comes mid-stream").isLessThan(total(world));
        return received;
    }

    private static void cancelIfRunning(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static long total(TestWorld world) {
        long n = 0;
        for (SourceTopic s : SourceTopic.values()) {
            n += world.stream(s).size();
        }
        return n;
    }

    private static long query(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
