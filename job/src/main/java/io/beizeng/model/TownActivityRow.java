package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One row of {@code town_activity}: a town's day, its rank among all towns reporting that day by output value, and
 * the change against the same weekday a week earlier (null when the town has no row then, or it was zero).
 */
public record TownActivityRow(String planId, String townCode, long epochDay, BigDecimal outputValue,
        BigDecimal electricityKwh, long reportingEnterprises, int rank, BigDecimal weekAgoOutputValue,
        Double changeVsWeekAgo) {

    public TownDayTotal.Key key() {
        return new TownDayTotal.Key(townCode, epochDay);
    }
}
