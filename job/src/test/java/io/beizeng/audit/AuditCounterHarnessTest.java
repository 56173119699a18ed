package io.beizeng.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.AuditDelta;
import io.beizeng.model.IngestAuditRow;
import io.beizeng.model.RejectReason;
import io.beizeng.model.SourceTopic;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The audit counter in Flink's harness: totals per source that reconcile, written when they changed. */
class AuditCounterHarnessTest {
    private static final long INTERVAL = 1_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditDelta, IngestAuditRow> harness()
            throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AuditCounter(INTERVAL), AuditDelta::source,
                Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    @Test
    void totalsPerSourceReconcileAndAreWrittenWhenTheyChange() throws Exception {
        var h = harness();
        String production = SourceTopic.PRODUCTION.id();
        h.processElement(new AuditDelta(production, 5, 0, 0, null), 0);
        h.processElement(AuditDelta.duplicate(SourceTopic.PRODUCTION), 0);
        h.processElement(AuditDelta.rejected(production, RejectReason.LATE), 0);
        h.processElement(AuditDelta.accepted(SourceTopic.ENTERPRISE), 0);
        h.setProcessingTime(INTERVAL);
        assertThat(h.extractOutputValues()).containsExactlyInAnyOrder(
                new IngestAuditRow(production, 7, 5, 1, 1),
                new IngestAuditRow(SourceTopic.ENTERPRISE.id(), 1, 1, 0, 0));
        // a source that got nothing new is not written again; the other one is, with its new totals
        h.processElement(AuditDelta.rejected(production, RejectReason.MALFORMED_JSON), 0);
        h.setProcessingTime(3 * INTERVAL);
        assertThat(h.extractOutputValues()).hasSize(3).last().isEqualTo(new IngestAuditRow(production, 8, 5, 1, 2));
        // the end of input writes nothing new; left: each source's counts and the time of its last flush
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).hasSize(3);
        assertThat(h.numKeyedStateEntries()).isEqualTo(4);
        assertThat(h.numProcessingTimeTimers()).isZero();
    }
}
