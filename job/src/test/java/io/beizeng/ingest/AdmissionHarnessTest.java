package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Admitted;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.Received;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.TestPlans;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Admission in Flink's harness: each partition (Kafka partition or file) has a watermark of its own, from its own
 * records; a malformed record moves none; and the watermarks survive a snapshot and restore, so that a record read
 * again after a restore is judged LATE as before. Its only state is a few longs per partition.
 */
class AdmissionHarnessTest {
    private static final long HOUR = 3_600_000;
    private static final long BOUND = HOUR;
    private static final long LATENESS = Duration.ofDays(35).toMillis();
    private static final ProductionEventParser PARSER = new ProductionEventParser(TestPlans.zaozhuang());

    private static OneInputStreamOperatorTestHarness<Received<ProductionEvent>, Admitted<ProductionEvent>> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(Admission.<ProductionEvent>withMonthLateness(
                SourceTopic.PRODUCTION, new MonthCalendar(ZoneId.of("Asia/Shanghai")), LATENESS, BOUND)));
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    private static StreamRecord<Received<ProductionEvent>> record(String position, String id, String ts) {
        String json = "{\"eventId\":\"" + id + "\",\"enterpriseId\":\"E1\",\"ts\":\"" + ts + "\",\"kind\":\"OUTPUT\","
                + "\"outputValue\":1,\"revenue\":1}";
        return new StreamRecord<>(PARSER.parse(new Origin(SourceTopic.PRODUCTION, position,
                json.getBytes(StandardCharsets.UTF_8))));
    }

    private static StreamRecord<Received<ProductionEvent>> malformed(String position) {
        return new StreamRecord<>(PARSER.parse(new Origin(SourceTopic.PRODUCTION, position,
                "{not json".getBytes(StandardCharsets.UTF_8))));
    }

    private static long ms(String ts) {
        return OffsetDateTime.parse(ts).toInstant().toEpochMilli();
    }

    private static List<Long> watermarks(
            OneInputStreamOperatorTestHarness<Received<ProductionEvent>, Admitted<ProductionEvent>> h) {
        return h.extractOutputValues().stream().map(Admitted::sourceWatermark).toList();
    }

    private static List<String> late(
            OneInputStreamOperatorTestHarness<Received<ProductionEvent>, Admitted<ProductionEvent>> h) {
        var rejected = h.getSideOutput(IngestOutputs.REJECTED);
        return rejected == null ? List.of() : rejected.stream().map(StreamRecord::getValue)
                .filter(r -> r.reason() == RejectReason.LATE).map(RejectedRecord::position).toList();
    }

    @Test
    void partitionsKeepWatermarksOfTheirOwnAndAMalformedRecordMovesNone() throws Exception {
        var h = harness(null);
        // partition 3 runs a day ahead of partition 0; the file is a partition of its own
        h.processElement(record("0:0", "a", "2024-03-05T10:00:00Z"));
        h.processElement(record("3:0", "b", "2024-03-06T10:00:00Z"));
        h.processElement(malformed("0:1"));
        h.processElement(record("0:2", "c", "2024-03-05T09:00:00Z"));
        h.processElement(record("3:1", "d", "2024-03-06T12:00:00Z"));
        h.processElement(record("0:3", "e", "2024-03-05T11:00:00Z"));
        h.processElement(record("production-events.jsonl:1", "f", "2024-01-05T11:00:00Z"));
        h.processElement(record("production-events.jsonl:2", "g", "2024-01-05T12:00:00Z"));
        assertThat(watermarks(h)).containsExactly(
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                ms("2024-03-05T10:00:00Z") - BOUND - 1,
                ms("2024-03-06T10:00:00Z") - BOUND - 1,
                ms("2024-03-05T10:00:00Z") - BOUND - 1,
                Long.MIN_VALUE,
                ms("2024-01-05T11:00:00Z") - BOUND - 1);
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).singleElement()
                .satisfies(r -> assertThat(r.getValue().reason()).isEqualTo(RejectReason.MALFORMED_JSON));
        h.close();
    }

    @Test
    void aLatenessDecisionSurvivesASnapshotAndRestore() throws Exception {
        var h = harness(null);
        h.processElement(record("0:0", "a", "2024-03-10T10:00:00+08:00"));
        h.processElement(record("0:1", "b", "2024-06-20T10:00:00+08:00"));
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        // read on at once, an April record is late: April closed on 1 May + 35 days, the partition is at 19 June
        h.processElement(record("0:2", "c", "2024-04-10T10:00:00+08:00"));
        assertThat(late(h)).containsExactly("0:2");
        h.close();

        // restored, the same record read again (the source resumes after 0:1) is judged the same way
        var restored = harness(snapshot);
        restored.processElement(record("0:2", "c", "2024-04-10T10:00:00+08:00"));
        assertThat(late(restored)).containsExactly("0:2");
        // and the partition's watermark goes on from where it was
        restored.processElement(record("0:3", "d", "2024-06-21T10:00:00+08:00"));
        assertThat(watermarks(restored)).containsExactly(ms("2024-06-20T10:00:00+08:00") - BOUND - 1);
        restored.close();

        // without its state (a fresh start), the record would have been accepted: the state is what decides
        var fresh = harness(null);
        fresh.processElement(record("0:2", "c", "2024-04-10T10:00:00+08:00"));
        assertThat(late(fresh)).isEmpty();
        fresh.close();
    }
}
