package io.beizeng.model;

/** The three input streams. {@link #id()} is the stable name stored in result tables. */
public enum SourceTopic {
    PRODUCTION("production-events"),
    ENTERPRISE("enterprise-events"),
    INVESTMENT("investment-events");

    private final String id;

    SourceTopic(String id) {
        this.id = id;
    }

    /** Stable name used as {@code source} in {@code ingest_audit} and {@code rejected_events}. */
    public String id() {
        return id;
    }

    public String defaultTopic() {
        return "beizeng." + id;
    }

    /** File name read by {@code replay}. */
    public String fileName() {
        return id + ".jsonl";
    }
}
