package io.beizeng.attribution;

import io.beizeng.model.Certification;
import io.beizeng.model.Chain;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.EnterpriseEventType;

/**
 * What a registry event changes, effective at {@code ts}. REGISTERED replaces the profile (name, district, town,
 * chain, park) and UPDATED sets its non-null fields; the other types change a status (above-scale, certified,
 * listed, closed) and leave the profile alone.
 */
public record RegistryChange(
        long ts, String eventId, EnterpriseEventType type, String name, String districtCode, String townCode,
        Chain chain, String parkId, Certification certification) {

    public static RegistryChange of(EnterpriseEvent e) {
        return new RegistryChange(e.ts(), e.eventId(), e.type(), e.name(), e.districtCode(), e.townCode(), e.chain(),
                e.parkId(), e.certification());
    }

    /** Order of application: by effective time, ties by eventId, so that arrival order never matters. */
    boolean before(RegistryChange other) {
        return ts < other.ts || (ts == other.ts && eventId.compareTo(other.eventId) < 0);
    }
}
