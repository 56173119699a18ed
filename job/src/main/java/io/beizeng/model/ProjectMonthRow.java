package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One row of {@code project_months}: a key project at the end of a month (or, for the running month, as of the
 * latest investment event read): its stage, investment to date and light then, judged on {@code judgedOnDay} (epoch
 * day). What the monthly and quarterly project bulletins read.
 */
public record ProjectMonthRow(
        String planId, String projectId, int year, int month, String districtCode, String stage,
        BigDecimal investedToDate, Double investedShare, String light, String lightReason, long judgedOnDay) {

    public Key key() {
        return new Key(projectId, year, month);
    }

    public record Key(String projectId, int year, int month) {}
}
