package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.demo.LocalKafka;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.KafkaJob;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
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
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    /**
     * The default. An outage shorter than this changes no result; a longer one lets the partitions that come back
     * first move the watermark on, and records of the others may then be rejected as LATE (see README, Guarantees).
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void aKafkaBrokerRestartedMidStreamLosesNothing() throws Exception {
        survives(51L, "broker restarted", (kafka, job) -> {
            kafka.stop();
            Thread.sleep(10_000);
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job waits for the broker")
                    .isFalse();
            kafka.start();
        });
    }

    @Test
    void postgresStoppedForThirtySecondsMidStreamLosesNothing() throws Exception {
        survives(52L, "database stopped", (kafka, job) -> {
            POSTGRES.stopServer();
            try {
                Thread.sleep(30_000);
                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                        .as("the job cannot finish without its database, and does not give up").isFalse();
            } finally {
                POSTGRES.startServer();
            }
        });
    }

    /** What goes away mid-stream, and comes back before this returns. */
    private interface Outage {
        void happen(LocalKafka kafka, JobClient job) throws Exception;
    }

    /** A bounded run of a world of 1 000 enterprises with the outage mid-stream ends with the reference tables. */
    private void survives(long seed, String what, Outage outage) throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, seed, 1000);
        String db = POSTGRES.createDatabase();
        try (LocalKafka kafka = new LocalKafka(dir.resolve("kafka"))) {
            kafka.start(2);
            world.produceTo(kafka.bootstrapServers(), kafka.clientSecurity(), 2);
            JobClient job = startBounded(plan, kafka.bootstrapServers(), db);
            try {
                long received = awaitMidStream(db, world);
                outage.happen(kafka, job);
                job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
                System.out.printf("OutagesIT: %s after %d of %d records%n", what, received, world.recordCount());
            } finally {
                cancelIfRunning(job);
            }
        }
        ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId())
                .assertMatches(new Reference(plan, world, 2));
    }

    private static JobClient startBounded(Plan plan, String bootstrapServers, String db) throws Exception {
        return KafkaJob.of(plan, bootstrapServers, db, POSTGRES).group("outages").bounded().checkpointEvery(500)
                .updateInterval(Duration.ofMillis(200)).idleTimeout(IDLE_TIMEOUT).start("outages");
    }

    /** Waits until the job has written results but not yet seen every record; returns the records seen then. */
    private static long awaitMidStream(String db, TestWorld world) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long received = 0;
        while (received == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            received = ResultTables.received(db, POSTGRES.user(), POSTGRES.password());
        }
        assertThat(received).as("the job has started writing").isPositive();
        assertThat(received).as("the outage comes mid-stream").isLessThan(world.recordCount());
        return received;
    }

    private static void cancelIfRunning(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }
}
