package io.beizeng.model;

/**
 * An investment project event. {@code amountCents} is null when not given (it is required for SIGNED and
 * INVESTMENT_REPORTED).
 */
public record InvestmentEvent(
        String eventId,
        String projectId,
        long ts,
        InvestmentEventType type,
        String districtCode,
        Chain chain,
        Long amountCents,
        boolean techRenovation,
        Origin origin)
        implements SourceEvent {

    @Override
    public long fingerprint() {
        return new Fingerprint()
                .add(eventId)
                .add(projectId)
                .add(ts)
                .add(type)
                .add(districtCode)
                .add(chain)
                .add(amountCents == null ? Long.MIN_VALUE : amountCents)
                .add(techRenovation)
                .value();
    }
}
