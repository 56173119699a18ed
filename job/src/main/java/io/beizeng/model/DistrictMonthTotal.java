package io.beizeng.model;

import io.beizeng.config.Indicator;
import java.math.BigDecimal;

/**
 * The current total of one indicator for one district and calendar month (plan timezone): a window's early,
 * on-time or late result. Later results for the same indicator, district and month replace earlier ones.
 * {@code events} counts the accepted events of the indicator's source stream in that district and month.
 */
public record DistrictMonthTotal(
        String districtCode, int year, int month, Indicator indicator, BigDecimal value, long events) {

    /** The state key: one total per indicator, district and month. */
    public String key() {
        return indicator.name() + '|' + districtCode + '|' + year + '-' + month;
    }
}
