package io.beizeng.projects;

import io.beizeng.model.InvestmentEvent;
import java.util.Arrays;

/**
 * Every admitted investment event of one project, sorted by (ts, eventId): the state the project tracker keeps per
 * project. Immutable; {@link #with} returns a new history. A project has a few dozen events over its life.
 */
public record ProjectHistory(InvestmentEvent[] events) {
    public static final ProjectHistory EMPTY = new ProjectHistory(new InvestmentEvent[0]);

    public ProjectHistory with(InvestmentEvent e) {
        int at = 0;
        while (at < events.length && before(events[at], e)) {
            at++;
        }
        InvestmentEvent[] next = new InvestmentEvent[events.length + 1];
        System.arraycopy(events, 0, next, 0, at);
        next[at] = e;
        System.arraycopy(events, at, next, at + 1, events.length - at);
        return new ProjectHistory(next);
    }

    private static boolean before(InvestmentEvent a, InvestmentEvent b) {
        return a.ts() < b.ts() || a.ts() == b.ts() && a.eventId().compareTo(b.eventId()) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectHistory h && Arrays.equals(events, h.events);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(events);
    }

    @Override
    public String toString() {
        return "ProjectHistory" + Arrays.toString(events);
    }
}
