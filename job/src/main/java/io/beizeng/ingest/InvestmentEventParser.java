package io.beizeng.ingest;

import io.beizeng.runtime.JsonFields;
import io.beizeng.runtime.InvalidRecordException;
import io.beizeng.config.Plan;
import io.beizeng.model.Chain;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import io.beizeng.model.Origin;
import io.beizeng.model.RejectReason;
import java.util.Set;

/** investment-events: see schemas/investment-event.schema.json. */
public final class InvestmentEventParser extends EventParser<InvestmentEvent> {
    private static final Set<String> FIELDS =
            Set.of("eventId", "projectId", "ts", "type", "districtCode", "chain", "amount", "techRenovation");
    private final Plan plan;

    public InvestmentEventParser(Plan plan) {
        super(plan, FIELDS, plan.firstEventYear());
        this.plan = plan;
    }

    @Override
    protected InvestmentEvent build(JsonFields f, Origin origin) throws InvalidRecordException {
        String eventId = f.string("eventId", 1, 128);
        String projectId = f.string("projectId", 1, 64);
        long ts = f.timestamp("ts");
        InvestmentEventType type = f.enumValue("type", InvestmentEventType.class);
        String district = f.string("districtCode", 1, 32);
        Chain chain = f.optionalEnum("chain", Chain.class);
        Long amount = f.optionalCents("amount");
        if (amount == null
                && (type == InvestmentEventType.SIGNED || type == InvestmentEventType.INVESTMENT_REPORTED)) {
            throw JsonFields.missing("amount");
        }
        if (amount != null && amount < 0) {
            throw JsonFields.violation("amount", "must not be negative");
        }
        Boolean tech = f.optionalBoolean("techRenovation");
        if (!plan.hasDistrict(district)) {
            throw new InvalidRecordException(RejectReason.UNKNOWN_REGION,
                    "field 'districtCode': '" + district + "' is not a district of plan " + plan.planId());
        }
        return new InvestmentEvent(eventId, projectId, ts, type, district, chain, amount,
                tech != null && tech, origin);
    }
}
