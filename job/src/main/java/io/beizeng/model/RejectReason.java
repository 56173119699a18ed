package io.beizeng.model;

/** Why a record was rejected. Stored in {@code rejected_events.reason}. */
public enum RejectReason {
    /** Not a single JSON object in UTF-8 (broken syntax, invalid UTF-8, too deep, empty, trailing content). */
    MALFORMED_JSON,
    /** A JSON object, but a field is missing, of the wrong type or out of its allowed values. */
    SCHEMA_VIOLATION,
    /** The event time lies outside the period the plan can use. */
    OUT_OF_RANGE,
    /** A registry event names a district that is not in the plan. */
    UNKNOWN_REGION,
    /** A production event for which no registry version is valid at its event time. */
    UNKNOWN_ENTERPRISE,
    /** The event's month closed more than the allowed lateness before the watermark. */
    LATE,
    /** An eventId already accepted within the dedupe horizon, but with different content. */
    DUPLICATE_CONFLICT
}
