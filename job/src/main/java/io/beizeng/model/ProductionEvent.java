package io.beizeng.model;

import java.math.BigDecimal;

/**
 * Output of one enterprise over some interval. Amounts are CNY in cents (exact; |value| &lt; 10^13 yuan fits a long).
 *
 * @param electricityKwh optional, null when not reported
 */
public record ProductionEvent(
        String eventId,
        String enterpriseId,
        long ts,
        ProductionKind kind,
        long outputValueCents,
        long revenueCents,
        BigDecimal electricityKwh,
        Origin origin)
        implements SourceEvent {

    @Override
    public long fingerprint() {
        return new Fingerprint()
                .add(eventId)
                .add(enterpriseId)
                .add(ts)
                .add(kind)
                .add(outputValueCents)
                .add(revenueCents)
                .add(electricityKwh)
                .value();
    }
}
