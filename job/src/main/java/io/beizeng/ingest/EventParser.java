package io.beizeng.ingest;

import io.beizeng.runtime.JsonFields;
import io.beizeng.runtime.InvalidRecordException;
import io.beizeng.config.Plan;
import io.beizeng.model.Origin;
import io.beizeng.model.Received;
import io.beizeng.model.RejectReason;
import io.beizeng.model.SourceEvent;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * Parses and validates the records of one topic. Never throws: every record becomes an event or a rejection with a
 * reason and a detail a person can act on.
 */
public abstract class EventParser<E extends SourceEvent> implements Serializable {
    private final Set<String> knownFields;
    /** {@link #knownFields} as {@link JsonFields#read} takes them; made again after the parser is shipped to a task. */
    private transient String[] knownNames;
    /** Event times the plan can use: [earliest, latest). */
    private final long earliest;
    private final long latest;
    private final String period;

    protected EventParser(Plan plan, Set<String> knownFields, int firstYear) {
        this.knownFields = knownFields;
        ZoneId zone = plan.timezone();
        this.earliest = LocalDate.of(firstYear, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        this.latest = LocalDate.of(plan.lastEventYear() + 1, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        this.period = LocalDate.of(firstYear, 1, 1) + " to " + LocalDate.of(plan.lastEventYear(), 12, 31)
                + " (" + zone + ")";
    }

    public final Received<E> parse(Origin origin) {
        try {
            if (knownNames == null) {
                knownNames = JsonFields.knownNames(knownFields);
            }
            JsonFields fields = JsonFields.read(origin.payload(), knownNames);
            E event = build(fields, origin);
            if (event.ts() < earliest || event.ts() >= latest) {
                return Received.rejected(origin, RejectReason.OUT_OF_RANGE,
                        "field 'ts': " + java.time.Instant.ofEpochMilli(event.ts())
                                + " is outside the period the plan uses, " + period);
            }
            return Received.accepted(event);
        } catch (InvalidRecordException e) {
            return Received.rejected(origin, e.reason, e.getMessage());
        }
    }

    protected abstract E build(JsonFields fields, Origin origin) throws InvalidRecordException;
}
