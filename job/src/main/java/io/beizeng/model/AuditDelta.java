package io.beizeng.model;

/** A change to the per-source ingest counters; every record ends as exactly one of accepted, duplicate, rejected. */
public record AuditDelta(String source, long accepted, long duplicates, long rejected) {

    public static AuditDelta accepted(SourceTopic source) {
        return new AuditDelta(source.id(), 1, 0, 0);
    }

    public static AuditDelta duplicate(SourceTopic source) {
        return new AuditDelta(source.id(), 0, 1, 0);
    }

    public static AuditDelta rejected(String source) {
        return new AuditDelta(source, 0, 0, 1);
    }
}
