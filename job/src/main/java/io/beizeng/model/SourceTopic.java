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

    /** Every source's default topic. */
    public static java.util.Map<SourceTopic, String> defaultTopics() {
        java.util.Map<SourceTopic, String> topics = new java.util.EnumMap<>(SourceTopic.class);
        for (SourceTopic t : values()) {
            topics.put(t, t.defaultTopic());
        }
        return topics;
    }

    /** File name read by {@code replay}. */
    public String fileName() {
        return id + ".jsonl";
    }
}
