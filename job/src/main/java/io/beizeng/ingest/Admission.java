package io.beizeng.ingest;

import io.beizeng.model.Admitted;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.Received;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Chained to its source: sends parse rejections to the rejected side output and, for monthly flows, rejects as
 * LATE an event whose month closed more than the allowed lateness ago. Judged here, at the watermark of the event's
 * own source partition ({@link PartitionWatermark}, one per Kafka partition or file), lateness depends only on the
 * order of that partition's records; downstream watermarks are never ahead of it, so an event admitted here is
 * never late downstream.
 *
 * <p>The partitions' watermarks are checkpointed (union list state, so that any subtask finds a partition it is
 * given after rescaling). Chained to the source, this operator has seen exactly the records before the source's
 * checkpointed offsets when the barrier passes, so a restore judges every record read again as the first run did:
 * a lateness decision survives a restore (Flink's own watermarks, which are not checkpointed, do not decide it).
 */
public final class Admission<E extends SourceEvent> extends ProcessFunction<Received<E>, Admitted<E>>
        implements CheckpointedFunction {
    private final MonthCalendar calendar;
    /** Allowed lateness in ms, or -1 when the stream has no lateness rule (the registry). */
    private final long allowedLatenessMs;
    private final long maxOutOfOrdernessMs;
    private final SourceTopic source;

    private transient Map<String, PartitionWatermark> partitions;
    private transient ListState<PartitionWatermark.Latest> checkpointed;

    private Admission(SourceTopic source, MonthCalendar calendar, long allowedLatenessMs, long maxOutOfOrdernessMs) {
        this.source = source;
        this.calendar = calendar;
        this.allowedLatenessMs = allowedLatenessMs;
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
    }

    /** For monthly flows (production, investment). */
    public static <E extends SourceEvent> Admission<E> withMonthLateness(SourceTopic source, MonthCalendar calendar,
            long allowedLatenessMs, long maxOutOfOrdernessMs) {
        return new Admission<>(source, calendar, allowedLatenessMs, maxOutOfOrdernessMs);
    }

    /** For streams without a lateness rule. */
    public static <E extends SourceEvent> Admission<E> withoutLateness(SourceTopic source, MonthCalendar calendar,
            long maxOutOfOrdernessMs) {
        return new Admission<>(source, calendar, -1, maxOutOfOrdernessMs);
    }

    /** The watermark last seen, for the event-time lag gauge. */
    private transient volatile long lastWatermark;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        lastWatermark = Long.MIN_VALUE;
        // now − watermark: how far event time lags behind the wall clock (-1 before the first watermark)
        getRuntimeContext().getMetricGroup().addGroup("beizeng").addGroup("source", source.id())
                .gauge("eventTimeLagMs", (org.apache.flink.metrics.Gauge<Long>) () ->
                        lastWatermark == Long.MIN_VALUE ? -1L : System.currentTimeMillis() - lastWatermark);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                "partition-watermarks", TypeInformation.of(PartitionWatermark.Latest.class)));
        partitions = new HashMap<>();
        for (PartitionWatermark.Latest latest : checkpointed.get()) {
            partition(latest.partition()).restore(latest.ts());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<PartitionWatermark.Latest> all = new ArrayList<>();
        partitions.forEach((name, w) -> w.latest().ifPresent(ts -> all.add(new PartitionWatermark.Latest(name, ts))));
        checkpointed.update(all);
    }

    private PartitionWatermark partition(String name) {
        return partitions.computeIfAbsent(name, n -> new PartitionWatermark(maxOutOfOrdernessMs));
    }

    @Override
    public void processElement(Received<E> received, Context ctx, Collector<Admitted<E>> out) {
        lastWatermark = ctx.timerService().currentWatermark();
        if (received.isRejected()) {
            ctx.output(IngestOutputs.REJECTED, received.toRejectedRecord());
            return;
        }
        E event = received.event();
        long watermark = partition(PartitionWatermark.partitionOf(received.origin())).before(event.ts());
        if (allowedLatenessMs >= 0 && calendar.isClosed(event.ts(), watermark, allowedLatenessMs)) {
            ctx.output(IngestOutputs.REJECTED, RejectedRecord.of(event.origin(), RejectReason.LATE,
                    "event time " + Instant.ofEpochMilli(event.ts()) + " is in a month closed for corrections: "
                            + "its partition's watermark " + Instant.ofEpochMilli(watermark)
                            + " is past the month's end plus the allowed lateness of "
                            + java.time.Duration.ofMillis(allowedLatenessMs).toDays() + " days",
                    event.eventId()));
            return;
        }
        out.collect(new Admitted<>(event, watermark));
    }
}
