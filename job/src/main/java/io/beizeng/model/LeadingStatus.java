package io.beizeng.model;

import java.math.BigDecimal;

/**
 * An enterprise's standing among the leading enterprises as of a month end: its revenue over the 12 months ending
 * with that month, its district then, and the highest tier reached ({@link LeadingTier#NONE} when a correction took
 * it below the tiers). Later statuses for the same enterprise and month replace earlier ones. Also a row of
 * {@code leading_enterprises}.
 */
public record LeadingStatus(String planId, String enterpriseId, String districtCode, int year, int month,
        BigDecimal trailing12Revenue, LeadingTier tier) {

    public Key key() {
        return new Key(enterpriseId, year, month);
    }

    /** One standing per enterprise and month. */
    public record Key(String enterpriseId, int year, int month) {}
}
