package io.beizeng.model;

/**
 * A registry change of one enterprise, effective at {@code ts}. Profile fields are null when the event does not
 * carry them (an UPDATED carries only what changes).
 */
public record EnterpriseEvent(
        String eventId,
        String enterpriseId,
        long ts,
        EnterpriseEventType type,
        String name,
        String districtCode,
        String townCode,
        Chain chain,
        String parkId,
        Certification certification,
        Origin origin)
        implements SourceEvent {

    @Override
    public long fingerprint() {
        return new Fingerprint()
                .add(eventId)
                .add(enterpriseId)
                .add(ts)
                .add(type)
                .add(name)
                .add(districtCode)
                .add(townCode)
                .add(chain)
                .add(parkId)
                .add(certification)
                .value();
    }
}
