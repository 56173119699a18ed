package io.beizeng.attribution;

import io.beizeng.model.Chain;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.EnterpriseEventType;

/**
 * The profile part of a registry event, effective at {@code ts}. A REGISTERED change is a full profile
 * ({@code full}); an UPDATED change sets only its non-null fields.
 */
public record RegistryChange(
        long ts, String eventId, boolean full, String name, String districtCode, String townCode, Chain chain,
        String parkId) {

    /** The change an event makes to the profile, or null for event types that do not change it. */
    public static RegistryChange of(EnterpriseEvent e) {
        if (e.type() != EnterpriseEventType.REGISTERED && e.type() != EnterpriseEventType.UPDATED) {
            return null;
        }
        return new RegistryChange(e.ts(), e.eventId(), e.type() == EnterpriseEventType.REGISTERED, e.name(),
                e.districtCode(), e.townCode(), e.chain(), e.parkId());
    }

    /** Order of application: by effective time, ties by eventId, so that arrival order never matters. */
    boolean before(RegistryChange other) {
        return ts < other.ts || (ts == other.ts && eventId.compareTo(other.eventId) < 0);
    }
}
