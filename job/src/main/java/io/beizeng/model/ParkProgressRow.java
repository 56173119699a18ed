package io.beizeng.model;

import java.math.BigDecimal;

/** One row of {@code park_progress}: a park's value of one indicator for a month, against its doubling target. */
public record ParkProgressRow(
        String planId, String parkId, String parkName, String indicator, int year, int month, BigDecimal monthValue,
        BigDecimal ytdValue, BigDecimal priorYtdValue, Double yoyGrowth, BigDecimal rolling12Value,
        BigDecimal baselineValue, BigDecimal targetValue, BigDecimal annualTarget, double timeProgress,
        double completionRatio, Double doublingProgress, String status, int rank) {

    public Key key() {
        return new Key(parkId, indicator, year, month);
    }

    public record Key(String parkId, String indicator, int year, int month) {}
}
