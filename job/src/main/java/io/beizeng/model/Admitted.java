package io.beizeng.model;

/**
 * An event that passed admission, with the watermark of its source partition just before it (see
 * {@code ingest/PartitionWatermark}). Decisions downstream that depend on event-time progress (dedupe expiry) use
 * this watermark, not their own: it depends only on the order of the records of that partition, so the decision
 * does not depend on how partitions interleave.
 */
public record Admitted<E extends SourceEvent>(E event, long sourceWatermark) {}
