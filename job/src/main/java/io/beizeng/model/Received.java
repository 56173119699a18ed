package io.beizeng.model;

/**
 * The outcome of parsing and validating one record: either an {@code event}, or a rejection ({@code reason} and
 * {@code detail}) with the record's {@code origin}. {@code partitionWatermark} is the watermark of the record's
 * source partition just before it, as the partition's own records define it ({@link Long#MIN_VALUE} until the
 * source sets it): admission judges lateness there.
 */
public record Received<E extends SourceEvent>(
        E event, Origin origin, RejectReason reason, String detail, long partitionWatermark) {

    public static <E extends SourceEvent> Received<E> accepted(E event) {
        return new Received<>(event, event.origin(), null, null, Long.MIN_VALUE);
    }

    public static <E extends SourceEvent> Received<E> rejected(Origin origin, RejectReason reason, String detail) {
        return new Received<>(null, origin, reason, detail, Long.MIN_VALUE);
    }

    /** This outcome, read when its partition's watermark was {@code watermark}. */
    public Received<E> readAt(long watermark) {
        return new Received<>(event, origin, reason, detail, watermark);
    }

    public boolean isRejected() {
        return event == null;
    }

    public RejectedRecord toRejectedRecord() {
        return RejectedRecord.of(origin, reason, detail, null);
    }
}
