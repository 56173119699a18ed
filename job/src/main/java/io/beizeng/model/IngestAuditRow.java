package io.beizeng.model;

/** One row of {@code ingest_audit}: received = accepted + duplicates + rejected, always. */
public record IngestAuditRow(String source, long received, long accepted, long duplicates, long rejected) {}
