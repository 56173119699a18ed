package io.beizeng.model;

import io.beizeng.config.Indicator;
import java.math.BigDecimal;

/**
 * The current total of one indicator for one district and calendar month (plan timezone): a window's early,
 * on-time or late result. Later results for the same indicator, district and month replace earlier ones.
 * {@code events} counts the accepted events of the indicator's source stream in that district and month.
 * Production totals are broken down by the enterprises' chain and park (null: no park), so that chain and park
 * figures come from the same sums as the districts'.
 */
public record DistrictMonthTotal(
        String districtCode, Chain chain, String parkId, int year, int month, Indicator indicator, BigDecimal value,
        long events) {

    /** A total of a whole district (no chain or park breakdown). */
    public DistrictMonthTotal(String districtCode, int year, int month, Indicator indicator, BigDecimal value,
            long events) {
        this(districtCode, null, null, year, month, indicator, value, events);
    }

    /** The state key: one total per indicator, district, chain, park and month. */
    public String key() {
        return indicator.name() + '|' + districtCode + '|' + chain + '|' + parkId + '|' + year + '-' + month;
    }
}
