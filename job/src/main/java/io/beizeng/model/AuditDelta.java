package io.beizeng.model;

/** A change to the per-source ingest counters; every record ends as exactly one of accepted, duplicate, rejected. */
public record AuditDelta(String source, long accepted, long duplicates, long rejected, RejectReason reason) {

    public static AuditDelta accepted(SourceTopic source) {
        return new AuditDelta(source.id(), 1, 0, 0, null);
    }

    public static AuditDelta duplicate(SourceTopic source) {
        return new AuditDelta(source.id(), 0, 1, 0, null);
    }

    public static AuditDelta rejected(String source, RejectReason reason) {
        return new AuditDelta(source, 0, 0, 1, reason);
    }

    /** What to combine deltas by: the source and the reason of rejection (null unless rejected). */
    public Outcome outcome() {
        return new Outcome(source, reason);
    }

    public record Outcome(String source, RejectReason reason) {}

    /** Both deltas in one, for the same {@link #outcome()}. */
    public AuditDelta plus(AuditDelta other) {
        return new AuditDelta(source, accepted + other.accepted, duplicates + other.duplicates,
                rejected + other.rejected, reason);
    }

    /** Records this delta accounts for. */
    public long records() {
        return accepted + duplicates + rejected;
    }
}
