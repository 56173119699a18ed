package io.beizeng.ingest;

import io.beizeng.model.Admitted;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.Received;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceEvent;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Chained to its source: sends parse rejections to the rejected side output and, for monthly flows, rejects as
 * LATE an event whose month closed more than the allowed lateness ago. Judged here, at the watermark of the event's
 * own source partition ({@link PartitionWatermark}), lateness depends only on the order of that partition's records;
 * downstream watermarks are never ahead of it, so an event admitted here is never late downstream.
 */
public final class Admission<E extends SourceEvent> extends ProcessFunction<Received<E>, Admitted<E>> {
    private final MonthCalendar calendar;
    /** Allowed lateness in ms, or -1 when the stream has no lateness rule (the registry). */
    private final long allowedLatenessMs;

    private final io.beizeng.model.SourceTopic source;

    private Admission(io.beizeng.model.SourceTopic source, MonthCalendar calendar, long allowedLatenessMs) {
        this.source = source;
        this.calendar = calendar;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /** For monthly flows (production, investment). */
    public static <E extends SourceEvent> Admission<E> withMonthLateness(
            io.beizeng.model.SourceTopic source, MonthCalendar calendar, long allowedLatenessMs) {
        return new Admission<>(source, calendar, allowedLatenessMs);
    }

    /** For streams without a lateness rule. */
    public static <E extends SourceEvent> Admission<E> withoutLateness(
            io.beizeng.model.SourceTopic source, MonthCalendar calendar) {
        return new Admission<>(source, calendar, -1);
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
    public void processElement(Received<E> received, Context ctx, Collector<Admitted<E>> out) {
        lastWatermark = ctx.timerService().currentWatermark();
        if (received.isRejected()) {
            ctx.output(IngestOutputs.REJECTED, received.toRejectedRecord());
            return;
        }
        E event = received.event();
        long watermark = received.partitionWatermark();
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
