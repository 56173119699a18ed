package io.beizeng.model;

/** What every input event has: an id, an event time and its origin. */
public interface SourceEvent {
    String eventId();

    /** Event time, epoch milliseconds. */
    long ts();

    Origin origin();

    /**
     * A 64-bit fingerprint of the event's content (not of its bytes or origin), to tell a true duplicate from a
     * different event that reuses an id.
     */
    long fingerprint();
}
