package io.beizeng.model;

import java.math.BigDecimal;

/** A town's current totals for one calendar day (epoch day in the plan's zone); later results replace earlier. */
public record TownDayTotal(String townCode, long epochDay, BigDecimal outputValue, BigDecimal electricityKwh,
        long reportingEnterprises) {

    public Key key() {
        return new Key(townCode, epochDay);
    }

    /** One total per town and day. */
    public record Key(String townCode, long epochDay) {}
}
