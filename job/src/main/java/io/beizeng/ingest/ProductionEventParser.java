package io.beizeng.ingest;

import io.beizeng.runtime.JsonFields;
import io.beizeng.runtime.InvalidRecordException;
import io.beizeng.config.Plan;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import java.math.BigDecimal;
import java.util.Set;

/** production-events: see schemas/production-event.schema.json. */
public final class ProductionEventParser extends EventParser<ProductionEvent> {
    private static final Set<String> FIELDS =
            Set.of("eventId", "enterpriseId", "ts", "kind", "outputValue", "revenue", "electricityKwh");
    private static final BigDecimal KWH_LIMIT = new BigDecimal("1E15");

    public ProductionEventParser(Plan plan) {
        super(plan, FIELDS, plan.firstEventYear());
    }

    @Override
    protected ProductionEvent build(JsonFields f, Origin origin) throws InvalidRecordException {
        String eventId = f.string("eventId", 1, 128);
        String enterpriseId = f.string("enterpriseId", 1, 64);
        long ts = f.timestamp("ts");
        ProductionKind kind = f.enumValue("kind", ProductionKind.class);
        long output = f.cents("outputValue");
        long revenue = f.cents("revenue");
        if (kind == ProductionKind.OUTPUT) {
            if (output < 0) {
                throw JsonFields.violation("outputValue", "negative value in an OUTPUT event (only ADJUSTMENT may be negative)");
            }
            if (revenue < 0) {
                throw JsonFields.violation("revenue", "negative value in an OUTPUT event (only ADJUSTMENT may be negative)");
            }
        }
        BigDecimal kwh = f.optionalDecimal("electricityKwh");
        if (kwh != null && kwh.signum() < 0) {
            throw JsonFields.violation("electricityKwh", kwh.toPlainString() + " is negative");
        }
        if (kwh != null && kwh.compareTo(KWH_LIMIT) >= 0) {
            throw JsonFields.violation("electricityKwh", kwh.toPlainString() + " is not below 10^15");
        }
        return new ProductionEvent(eventId, enterpriseId, ts, kind, output, revenue, kwh, origin);
    }
}
