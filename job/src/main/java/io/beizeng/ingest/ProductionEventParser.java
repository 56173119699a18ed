package io.beizeng.ingest;

import io.beizeng.config.Feed;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.runtime.InvalidRecordException;
import io.beizeng.runtime.JsonFields;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * production-events: see schemas/production-event.schema.json. The amounts are the fields of the production
 * indicators ({@link Indicator#measuresOf}): CNY with at most 2 fraction digits as written, |value| &lt; 10^13,
 * negative only in an ADJUSTMENT.
 */
public final class ProductionEventParser extends EventParser<ProductionEvent> {
    private static final List<Indicator> MEASURES = Indicator.measuresOf(Indicator.Source.PRODUCTION);
    private static final BigDecimal KWH_LIMIT = new BigDecimal("1E15");

    public ProductionEventParser(Plan plan) {
        super(plan, fields(), plan.firstEventYear());
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(Set.of("eventId", "enterpriseId", "ts", "kind", "electricityKwh"));
        for (Indicator i : MEASURES) {
            fields.add(field(i).name());
        }
        return Set.copyOf(fields);
    }

    private static Feed.Field field(Indicator measure) {
        return (Feed.Field) measure.feed();
    }

    @Override
    protected ProductionEvent build(JsonFields f, Origin origin) throws InvalidRecordException {
        String eventId = f.string("eventId", 1, 128);
        String enterpriseId = f.string("enterpriseId", 1, 64);
        long ts = f.timestamp("ts");
        ProductionKind kind = f.enumValue("kind", ProductionKind.class);
        long[] amounts = new long[MEASURES.size()];
        for (int i = 0; i < amounts.length; i++) {
            Feed.Field field = field(MEASURES.get(i));
            Long cents = f.optionalCents(field.name());
            if (cents == null && field.required()) {
                throw JsonFields.missing(field.name());
            }
            amounts[i] = cents == null ? 0 : cents;
        }
        if (kind == ProductionKind.OUTPUT) {
            for (int i = 0; i < amounts.length; i++) {
                if (amounts[i] < 0) {
                    throw JsonFields.violation(field(MEASURES.get(i)).name(),
                            "negative value in an OUTPUT event (only ADJUSTMENT may be negative)");
                }
            }
        }
        BigDecimal kwh = f.optionalDecimal("electricityKwh");
        if (kwh != null && kwh.signum() < 0) {
            throw JsonFields.violation("electricityKwh", kwh.toPlainString() + " is negative");
        }
        if (kwh != null && kwh.compareTo(KWH_LIMIT) >= 0) {
            throw JsonFields.violation("electricityKwh", kwh.toPlainString() + " is not below 10^15");
        }
        return new ProductionEvent(eventId, enterpriseId, ts, kind, amounts, kwh, origin);
    }
}
