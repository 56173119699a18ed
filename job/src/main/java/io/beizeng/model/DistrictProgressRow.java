package io.beizeng.model;

import java.math.BigDecimal;

/** One row of {@code district_progress}. Nullable fields are null where the table allows NULL. */
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
        double completionRatio,
        Double doublingProgress,
        String status,
        Integer rank) {

    /** Primary key of the row, for change tracking. */
    public String key() {
        return planId + '|' + regionCode + '|' + indicator + '|' + year + '|' + month;
    }
}
