package io.beizeng.model;

import java.math.BigDecimal;

/**
 * An alert on a month's final figures (the month closed for corrections): a region's status for an indicator
 * changed from the month before ({@code STATUS_CHANGED}), or a district ranked last for the third month running
 * ({@code LAST_THREE_MONTHS}). Its id is deterministic, so writing it again is harmless.
 */
public record ProgressAlert(
        String planId, String regionCode, String regionLevel, String indicator, int year, int month, String kind,
        String previousStatus, String status, Integer rank, Double completionRatio, double timeProgress,
        BigDecimal ytdValue, BigDecimal annualTarget) {

    public static final String STATUS_CHANGED = "STATUS_CHANGED";
    public static final String LAST_THREE_MONTHS = "LAST_THREE_MONTHS";

    public String alertId() {
        return planId + '/' + regionCode + '/' + indicator + '/' + year + '-' + (month < 10 ? "0" : "") + month + '/'
                + kind;
    }
}
