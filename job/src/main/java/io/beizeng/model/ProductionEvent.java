package io.beizeng.model;

import io.beizeng.config.Indicator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * Output of one enterprise over some interval.
 *
 * @param amounts in cents (exact; |value| &lt; 10^13 yuan fits a long), one per measure of the production stream, in
 *     slot order ({@link Indicator#measuresOf}); an optional amount the event does not carry is 0. Never changed once
 *     made: it is shared with the attributed output.
 * @param electricityKwh optional, null when not reported
 */
public record ProductionEvent(
        String eventId,
        String enterpriseId,
        long ts,
        ProductionKind kind,
        long[] amounts,
        BigDecimal electricityKwh,
        Origin origin)
        implements SourceEvent {

    /** The amount of a production indicator, in cents. */
    public long amount(Indicator indicator) {
        return amounts[indicator.slot()];
    }

    /**
     * Amounts by slot enter with their slot and only when non-zero: an amount added to the stream later, which older
     * events lack (0), leaves their fingerprints as they were.
     */
    @Override
    public long fingerprint() {
        Fingerprint f = new Fingerprint().add(eventId).add(enterpriseId).add(ts).add(kind);
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                f.add(i).add(amounts[i]);
            }
        }
        return f.add(electricityKwh).value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProductionEvent e && ts == e.ts && Objects.equals(eventId, e.eventId)
                && Objects.equals(enterpriseId, e.enterpriseId) && kind == e.kind && Arrays.equals(amounts, e.amounts)
                && Objects.equals(electricityKwh, e.electricityKwh) && Objects.equals(origin, e.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, enterpriseId, ts, kind, Arrays.hashCode(amounts), electricityKwh, origin);
    }

    @Override
    public String toString() {
        return "ProductionEvent[eventId=" + eventId + ", enterpriseId=" + enterpriseId + ", ts=" + ts + ", kind=" + kind
                + ", amounts=" + Arrays.toString(amounts) + ", electricityKwh=" + electricityKwh + "]";
    }
}
