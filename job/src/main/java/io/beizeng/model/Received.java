package io.beizeng.model;

/**
 * The outcome of parsing and validating one record: either an {@code event}, or a rejection ({@code reason} and
 * {@code detail}) with the record's {@code origin}.
 */
public record Received<E extends SourceEvent>(E event, Origin origin, RejectReason reason, String detail) {

    public static <E extends SourceEvent> Received<E> accepted(E event) {
        return new Received<>(event, event.origin(), null, null);
    }

    public static <E extends SourceEvent> Received<E> rejected(Origin origin, RejectReason reason, String detail) {
        return new Received<>(null, origin, reason, detail);
    }

    public boolean isRejected() {
        return event == null;
    }

    public RejectedRecord toRejectedRecord() {
        return RejectedRecord.of(origin, reason, detail, null);
    }
}
