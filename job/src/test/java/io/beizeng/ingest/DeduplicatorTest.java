package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Admitted;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.RejectReason;
import io.beizeng.model.SourceTopic;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Admitted<ProductionEvent> event(String id, long ts, long cents, long sourceWatermark) {
        return new Admitted<>(new ProductionEvent(id, "E1", ts, ProductionKind.OUTPUT, cents, cents, null,
                new Origin(SourceTopic.PRODUCTION, "0:" + ts + cents, new byte[0])), sourceWatermark);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Admitted<ProductionEvent>, ProductionEvent> harness()
            throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, 7 * DAY),
                (Admitted<ProductionEvent> a) -> a.event().eventId(), Types.STRING);
        h.open();
        return h;
    }

    @Test
    void duplicatesAreCountedConflictsRejected() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 101, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("b", 10 * DAY, 100, 0), 10 * DAY));
        assertThat(h.extractOutputValues()).extracting(ProductionEvent::eventId).containsExactly("a", "b");
        assertThat(h.getSideOutput(IngestOutputs.AUDIT)).extracting(StreamRecord::getValue)
                .containsExactly(AuditDelta.duplicate(SourceTopic.PRODUCTION));
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().reason())
                .containsExactly(RejectReason.DUPLICATE_CONFLICT);
    }

    @Test
    void anIdExpiresAtTheHorizonOfItsSourcesWatermark() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        // this operator's own watermark has not moved, but the resend's source is past 10 + 7 days
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 17 * DAY), 10 * DAY));
        assertThat(h.extractOutputValues()).hasSize(2);
        // just inside the horizon: a duplicate
        h.processElement(new StreamRecord<>(event("c", 10 * DAY, 100, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("c", 10 * DAY, 100, 17 * DAY - 1), 10 * DAY));
        assertThat(h.extractOutputValues()).hasSize(3);
        // state is dropped by the watermark
        h.processWatermark(new Watermark(40 * DAY));
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void anEventFromAPartitionThatWasIdleIsLateAtTheJobsWatermark() throws Exception {
        io.beizeng.model.MonthCalendar calendar = new io.beizeng.model.MonthCalendar(java.time.ZoneId.of("UTC"));
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, 7 * DAY, calendar, 35 * DAY),
                (Admitted<ProductionEvent> a) -> a.event().eventId(), Types.STRING);
        h.open();
        // the job's watermark is in May 1970; the idle partition's own watermark (carried) is still at the start
        h.processWatermark(new Watermark(130 * DAY));
        h.processElement(new StreamRecord<>(event("old", 10 * DAY, 100, Long.MIN_VALUE), 10 * DAY));
        h.processElement(new StreamRecord<>(event("recent", 110 * DAY, 100, Long.MIN_VALUE), 110 * DAY));
        assertThat(h.extractOutputValues()).extracting(ProductionEvent::eventId).containsExactly("recent");
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().reason())
                .containsExactly(RejectReason.LATE);
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().detail())
                .allSatisfy(d -> assertThat(d).contains("idle"));
    }
}
