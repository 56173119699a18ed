package io.beizeng.model;

import java.math.BigDecimal;

/** One row of {@code park_progress}: a park's output value for a month, against its doubling target. */
public record ParkProgressRow(
        String planId, String parkId, String parkName, int year, int month, BigDecimal monthValue,
        BigDecimal ytdValue, BigDecimal priorYtdValue, Double yoyGrowth, BigDecimal rolling12Value,
        BigDecimal baselineValue, BigDecimal targetValue, BigDecimal annualTarget, double timeProgress,
        double completionRatio, Double doublingProgress, String status, int rank) {

    public String key() {
        return "park|" + planId + '|' + parkId + '|' + year + '|' + month;
    }
}
