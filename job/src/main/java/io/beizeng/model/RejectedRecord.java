package io.beizeng.model;

/**
 * A rejected record as stored in {@code rejected_events}. The payload is the record as received; the sink decodes
 * it (invalid UTF-8 replaced) and caps it.
 */
public record RejectedRecord(
        String source, String position, RejectReason reason, String detail, String eventId, byte[] payload) {

    public static RejectedRecord of(Origin origin, RejectReason reason, String detail, String eventId) {
        return new RejectedRecord(
                origin.source().id(), origin.position(), reason, detail, eventId, origin.payload());
    }
}
