package io.beizeng.model;

/**
 * Where a record came from: its source, its position ({@code partition:offset} in Kafka, {@code file:line} in
 * replay) and its bytes as received. Kept on an event until the event is accepted, so that a rejection decided
 * late (an unknown enterprise, say) can still store the record as it arrived.
 */
public record Origin(SourceTopic source, String position, byte[] payload) {}
