package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.KafkaJob;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One production partition stays empty for a long time: results of the other keep flowing (watermark idleness), and
 * when the idle partition wakes up with an event from a month long closed, that event is rejected as LATE, not lost.
 */
class IdlePartitionIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static long query(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    void resultsFlowPastAnIdlePartitionAndItsLateEventIsRejected() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 41L, 30);
        // the idle partition's records are held back: partition 1 of the production topic stays empty
        java.util.List<TestWorld.Record> heldBack = new java.util.ArrayList<>();
        world.production.removeIf(r -> TestWorld.partition(r.key(), 2) == 1 && heldBack.add(r));
        world.produceTo(KAFKA, 2);
        String db = POSTGRES.createDatabase();
        JobClient job = KafkaJob.of(plan, KAFKA.bootstrapServers(), db, POSTGRES).group("idle")
                .updateInterval(Duration.ofMillis(300)).idleTimeout(Duration.ofSeconds(2)).start("idle partition");
        try {
            // results flow although partition 1 never sent anything: months up to 2025 are computed
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long latest = 0;
            while (System.nanoTime() < deadline && latest < 2025 * 12) {
                Thread.sleep(500);
                latest = query(db, "SELECT coalesce(max(year * 12 + month - 1), 0) FROM district_progress");
            }
            assertThat(latest).as("results of the active partition").isGreaterThanOrEqualTo(2025 * 12);

            // the idle partition wakes up with an event from March 2024, long closed
            String enterprise = heldBack.get(0).key();
            String late = "{\"eventId\":\"wake-late\",\"enterpriseId\":\"" + enterprise + "\",\"ts\":\"2024-03-10T10:00:00+08:00\","
                    + "\"kind\":\"OUTPUT\",\"outputValue\":5,\"revenue\":5}";
            KAFKA.produce(SourceTopic.PRODUCTION.defaultTopic(), 1, enterprise, late.getBytes(StandardCharsets.UTF_8));
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long rejected = 0;
            while (System.nanoTime() < deadline && rejected == 0) {
                Thread.sleep(500);
                rejected = query(db, "SELECT count(*) FROM rejected_events WHERE position LIKE '1:%' AND reason = 'LATE' "
                        + "AND event_id = 'wake-late' AND detail LIKE '%idle%'");
            }
            assertThat(rejected).as("the late event of the idle partition is rejected, not dropped").isEqualTo(1);
        } finally {
            job.cancel().get();
        }
    }
}
