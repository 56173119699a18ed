package io.beizeng.audit;

import io.beizeng.runtime.FlushTimers;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.IngestAuditRow;
import io.beizeng.model.RejectReason;
import java.util.EnumMap;
import java.util.HashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by source: sums the outcome of every record (accepted, duplicate, rejected) in checkpointed state, so the
 * counts are exactly-once, and emits the totals once per update interval when they changed.
 */
public final class AuditCounter extends KeyedProcessFunction<String, AuditDelta, IngestAuditRow> {
    private final long updateIntervalMs;
    private transient ValueState<IngestAuditRow> counts;
    /** Rows written since this task started; not checkpointed, so a restore writes the totals again (see ProgressUpdater). */
    private transient Map<String, IngestAuditRow> emitted;
    private transient Map<String, Metrics> metrics;

    /**
     * The same counts as Flink metrics, per source (and reason): {@code beizeng_received}, {@code _accepted},
     * {@code _duplicates}, {@code _rejected{reason}}. They count since the task started; the table is authoritative.
     */
    private static final class Metrics {
        final MetricGroup group;
        final Counter received;
        final Counter accepted;
        final Counter duplicates;
        final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

        Metrics(MetricGroup group) {
            this.group = group;
            received = group.counter("received");
            accepted = group.counter("accepted");
            duplicates = group.counter("duplicates");
        }

        Counter rejected(RejectReason reason) {
            return rejected.computeIfAbsent(reason == null ? RejectReason.MALFORMED_JSON : reason,
                    r -> group.addGroup("reason", r.name()).counter("rejected"));
        }
    }
    private transient ValueState<Long> pendingFlush;

    public AuditCounter(long updateIntervalMs) {
        this.updateIntervalMs = updateIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<IngestAuditRow> type = TypeInformation.of(IngestAuditRow.class);
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("counts", type));
        emitted = new HashMap<>();
        metrics = new HashMap<>();
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
    }

    @Override
    public void processElement(AuditDelta d, Context ctx, Collector<IngestAuditRow> out) throws Exception {
        IngestAuditRow c = counts.value();
        if (c == null) {
            c = new IngestAuditRow(d.source(), 0, 0, 0, 0);
        }
        long accepted = c.accepted() + d.accepted();
        long duplicates = c.duplicates() + d.duplicates();
        long rejected = c.rejected() + d.rejected();
        counts.update(new IngestAuditRow(d.source(), accepted + duplicates + rejected, accepted, duplicates, rejected));
        Metrics m = metrics.computeIfAbsent(d.source(), s -> new Metrics(getRuntimeContext().getMetricGroup()
                .addGroup("beizeng").addGroup("source", s)));
        m.received.inc(d.records());
        if (d.accepted() > 0) {
            m.accepted.inc(d.accepted());
        }
        if (d.duplicates() > 0) {
            m.duplicates.inc(d.duplicates());
        }
        if (d.rejected() > 0) {
            m.rejected(d.reason()).inc(d.rejected());
        }
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IngestAuditRow> out) throws Exception {
        IngestAuditRow c = counts.value();
        if (c != null && !c.equals(emitted.get(c.source()))) {
            emitted.put(c.source(), c);
            out.collect(c);
        }
    }
}
