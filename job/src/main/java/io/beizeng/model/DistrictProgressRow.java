package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One row of {@code district_progress}. Nullable fields are null where the table allows NULL. {@code ytdPerCapita}:
 * CNY per person (an amount in CNY and a population for the year), else null.
 */
public record DistrictProgressRow(
        String planId,
        String regionCode,
        String regionLevel,
        String indicator,
        int year,
        int month,
        BigDecimal monthValue,
        BigDecimal ytdValue,
        BigDecimal priorYtdValue,
        Double yoyGrowth,
        BigDecimal rolling12Value,
        BigDecimal baselineValue,
        BigDecimal targetValue,
        BigDecimal annualTarget,
        double timeProgress,
        Double completionRatio,
        Double doublingProgress,
        String status,
        Integer rank,
        BigDecimal ytdPerCapita) {

    /**
     * The same figures labelled with another month: a stock's rows are computed as at a year's end (time progress
     * 1, status against the whole target) but belong to their own month.
     */
    public DistrictProgressRow withMonth(int m) {
        return new DistrictProgressRow(planId, regionCode, regionLevel, indicator, year, m, monthValue, ytdValue,
                priorYtdValue, yoyGrowth, rolling12Value, baselineValue, targetValue, annualTarget, timeProgress,
                completionRatio, doublingProgress, status, rank, ytdPerCapita);
    }

    /** Primary key of the row (within its plan), for change tracking. */
    public Key key() {
        return new Key(regionCode, indicator, year, month);
    }

    public record Key(String regionCode, String indicator, int year, int month) {}
}
