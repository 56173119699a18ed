package io.beizeng.attribution;

import java.util.Arrays;

/**
 * The registry history of one enterprise: its changes in order of application and, for each, the profile valid
 * from that change on. Immutable; {@link #with} returns a new history. Registry changes are rare, so a change
 * arriving out of order simply refolds the profiles after it.
 *
 * @param changes sorted by (ts, eventId)
 * @param versions versions[i] = the profile after applying changes[0..i]
 */
public record EnterpriseHistory(RegistryChange[] changes, EnterpriseProfile[] versions) {
    public static final EnterpriseHistory EMPTY = new EnterpriseHistory(new RegistryChange[0], new EnterpriseProfile[0]);

    public EnterpriseHistory with(RegistryChange change) {
        int at = 0;
        while (at < changes.length && changes[at].before(change)) {
            at++;
        }
        if (at < changes.length && changes[at].eventId().equals(change.eventId()) && changes[at].ts() == change.ts()) {
            return this; // the same change again
        }
        RegistryChange[] c = new RegistryChange[changes.length + 1];
        System.arraycopy(changes, 0, c, 0, at);
        c[at] = change;
        System.arraycopy(changes, at, c, at + 1, changes.length - at);
        EnterpriseProfile[] v = Arrays.copyOf(versions, c.length);
        EnterpriseProfile previous = at == 0 ? EnterpriseProfile.NONE : versions[at - 1];
        for (int i = at; i < c.length; i++) {
            previous = previous.apply(c[i]);
            v[i] = previous;
        }
        return new EnterpriseHistory(c, v);
    }

    /** The profile valid at {@code ts} (built from all changes effective at or before it), or null if none. */
    public EnterpriseProfile at(long ts) {
        int found = indexAt(ts);
        return found < 0 ? null : versions[found];
    }

    /** The index of the last change effective at or before {@code ts}, or −1. */
    private int indexAt(long ts) {
        int lo = 0;
        int hi = changes.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (changes[mid].ts() <= ts) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Whether the enterprise is in more than one town during [{@code from}, {@code to}): the town valid at
     * {@code from} and those of the changes effective inside, nulls aside.
     */
    public boolean changesTownWithin(long from, long to) {
        int i = indexAt(from);
        String town = i < 0 ? null : versions[i].townCode();
        for (int k = i + 1; k < changes.length && changes[k].ts() < to; k++) {
            String next = versions[k].townCode();
            if (next != null) {
                if (town != null && !town.equals(next)) {
                    return true;
                }
                town = next;
            }
        }
        return false;
    }

    /** The town valid at {@code ts}, or null. */
    public String townAt(long ts) {
        int i = indexAt(ts);
        return i < 0 ? null : versions[i].townCode();
    }

    /** Effective time of the first change, or Long.MAX_VALUE if none; for error details. */
    public long firstChange() {
        return changes.length == 0 ? Long.MAX_VALUE : changes[0].ts();
    }
}
