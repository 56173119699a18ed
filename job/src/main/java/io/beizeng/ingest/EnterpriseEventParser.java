package io.beizeng.ingest;

import io.beizeng.runtime.JsonFields;
import io.beizeng.runtime.InvalidRecordException;
import io.beizeng.config.Plan;
import io.beizeng.model.Certification;
import io.beizeng.model.Chain;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.EnterpriseEventType;
import io.beizeng.model.Origin;
import io.beizeng.model.RejectReason;
import java.util.Set;

/**
 * enterprise-events: see schemas/enterprise-event.schema.json. Registry events may be effective long before the
 * plan (an enterprise registered in 1998), so only the end of the plan period bounds them.
 */
public final class EnterpriseEventParser extends EventParser<EnterpriseEvent> {
    private static final Set<String> FIELDS = Set.of(
            "eventId", "enterpriseId", "ts", "type", "name", "districtCode", "townCode", "chain", "parkId",
            "certification");
    private final Plan plan;

    public EnterpriseEventParser(Plan plan) {
        super(plan, FIELDS, 1900);
        this.plan = plan;
    }

    @Override
    protected EnterpriseEvent build(JsonFields f, Origin origin) throws InvalidRecordException {
        String eventId = f.string("eventId", 1, 128);
        String enterpriseId = f.string("enterpriseId", 1, 64);
        long ts = f.timestamp("ts");
        EnterpriseEventType type = f.enumValue("type", EnterpriseEventType.class);
        String name = f.optionalString("name", 1, 256);
        String district = f.optionalString("districtCode", 1, 32);
        String town = f.optionalString("townCode", 1, 64);
        Chain chain = f.optionalEnum("chain", Chain.class);
        String park = f.optionalString("parkId", 1, 64);
        Certification cert = f.optionalEnum("certification", Certification.class);
        boolean certEvent = type == EnterpriseEventType.CERTIFIED || type == EnterpriseEventType.DECERTIFIED;
        if (type == EnterpriseEventType.REGISTERED) {
            if (district == null) {
                throw JsonFields.missing("districtCode");
            }
            if (chain == null) {
                throw JsonFields.missing("chain");
            }
        }
        if (certEvent && cert == null) {
            throw JsonFields.missing("certification");
        }
        if (!certEvent && cert != null) {
            throw JsonFields.violation("certification", "only CERTIFIED and DECERTIFIED events carry it, not " + type);
        }
        if (district != null && !plan.hasDistrict(district)) {
            throw new InvalidRecordException(RejectReason.UNKNOWN_REGION,
                    "field 'districtCode': '" + district + "' is not a district of plan " + plan.planId());
        }
        return new EnterpriseEvent(eventId, enterpriseId, ts, type, name, district, town, chain, park, cert, origin);
    }
}
