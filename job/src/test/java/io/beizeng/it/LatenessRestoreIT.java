package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.BeizengCommand;
import io.beizeng.BeizengPipeline;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import io.beizeng.ingest.StreamTypes;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.AlertTopic;
import io.beizeng.sink.AuditRows;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.sink.Outputs;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lateness decision survives a restore (issue #25, item 5): a record that is LATE against its partition's
 * watermark arrives right after a checkpoint, and a task fails on it. Restored from the checkpoint, the job reads it
 * again and judges it LATE as an undisturbed run does (without the partitions' watermarks in the checkpoint it
 * would start from no watermark and accept it); every table equals that run's.
 */
class LatenessRestoreIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String GROUP = "lateness-restore";

    private static byte[] production(String id, String ts, long yuan) {
        return ("{\"eventId\":\"" + id + "\",\"enterpriseId\":\"E1\",\"ts\":\"" + ts + "\",\"kind\":\"OUTPUT\","
                + "\"outputValue\":" + yuan + ",\"revenue\":" + yuan + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void produce(byte[] value) {
        KAFKA.produce(SourceTopic.PRODUCTION.defaultTopic(), 0, "E1", value);
    }

    @Test
    void aLateRecordReadAgainAfterARestoreIsStillLate() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        for (SourceTopic source : SourceTopic.values()) {
            KAFKA.createTopic(source.defaultTopic(), 1);
        }
        KAFKA.createTopic(AlertTopic.DEFAULT_TOPIC, 1);
        KAFKA.produce(SourceTopic.ENTERPRISE.defaultTopic(), 0, "E1", ("{\"eventId\":\"r1\",\"enterpriseId\":\"E1\","
                + "\"ts\":\"2024-01-01T00:00:00+08:00\",\"type\":\"REGISTERED\",\"districtCode\":\"370402\","
                + "\"chain\":\"HIGH_END_EQUIPMENT\"}").getBytes(StandardCharsets.UTF_8));
        // March, then June: the partition's watermark reaches 19 June, past April's close (1 May + 35 days)
        produce(production("p1", "2024-03-10T10:00:00+08:00", 100));
        produce(production("p2", "2024-06-20T10:00:00+08:00", 200));

        String disturbed = POSTGRES.createDatabase();
        JdbcTarget target = new JdbcTarget(disturbed, POSTGRES.user(), POSTGRES.password());
        Migrations.migrate(target);
        AuditRows.ensure(target); // as the commands do: a row for every source, also one that sends nothing
        Configuration conf = BeizengPipeline.jobConfiguration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(200);
        JobSettings settings = new JobSettings(Duration.ofDays(1), Duration.ofDays(35), Duration.ofDays(7),
                Duration.ofMillis(300), Duration.ofMinutes(1));
        InputStreams kafka = InputStreams.fromKafka(env, plan, settings, new InputStreams.KafkaInput(
                KAFKA.bootstrapServers(), SourceTopic.defaultTopics(), GROUP, false, new Properties()));
        FailOnNextRecord.ARMED.set(false);
        FailOnNextRecord.FAILED.set(false);
        BeizengPipeline.build(plan, settings, new InputStreams(
                kafka.production().map(new FailOnNextRecord<>()).returns(StreamTypes.RECEIVED_PRODUCTION)
                        .name("failure injector").uid("failure-injector"),
                kafka.enterprise(), kafka.investment()), Outputs.jdbc(target, 200));
        JobClient job = env.executeAsync("lateness across a restore");

        // a checkpoint holds p1 and p2 once the group's committed offsets reach them; then the failure is armed
        awaitCommitted();
        FailOnNextRecord.ARMED.set(true);
        produce(production("p3", "2024-04-10T10:00:00+08:00", 40)); // late: the task fails on it, then reads it again
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!FailOnNextRecord.FAILED.get()) {
            assertThat(System.nanoTime()).as("the failure was injected").isLessThan(deadline);
            Thread.sleep(50);
        }
        produce(production("p4", "2024-06-21T10:00:00+08:00", 300));
        awaitCommitted();
        Path savepoints = Files.createTempDirectory("lateness-restore");
        job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        // the same four records, undisturbed
        String undisturbed = POSTGRES.createDatabase();
        Path password = savepoints.resolve("password");
        Files.writeString(password, POSTGRES.password());
        assertThat(BeizengCommand.execute("run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--bounded",
                "--group-id", "lateness-undisturbed", "--plan", TestPlans.ZAOZHUANG_FILE.toString(),
                "--jdbc-url", undisturbed, "--jdbc-user", POSTGRES.user(), "--jdbc-password-file", password.toString(),
                "--parallelism", "1", "--update-interval", "300ms")).isZero();

        ResultTables expected = ResultTables.read(undisturbed, POSTGRES.user(), POSTGRES.password(), plan.planId());
        ResultTables actual = ResultTables.read(disturbed, POSTGRES.user(), POSTGRES.password(), plan.planId());
        assertThat(expected.rejected).as("the undisturbed run's rejections")
                .isEqualTo(Map.of(SourceTopic.PRODUCTION.id() + "|0:2", "LATE"));
        actual.assertSameAs(expected);
    }

    private static void awaitCommitted() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (KAFKA.consumerLag(GROUP, SourceTopic.defaultTopics().values()) > 0) {
            assertThat(System.nanoTime()).as("every record read and checkpointed").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Throws on the first record after it is armed, once. */
    static final class FailOnNextRecord<T> implements MapFunction<T, T> {
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Override
        public T map(T value) {
            if (ARMED.compareAndSet(true, false)) {
                FAILED.set(true);
                throw new IllegalStateException("injected failure on the record after a checkpoint");
            }
            return value;
        }
    }
}
