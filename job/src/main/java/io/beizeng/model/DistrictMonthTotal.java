package io.beizeng.model;

import java.math.BigDecimal;

/**
 * The current totals of one district for one calendar month (plan timezone): a window's early, on-time or late
 * result. Later results for the same district and month replace earlier ones.
 */
public record DistrictMonthTotal(
        String districtCode, int year, int month, BigDecimal outputValue, BigDecimal revenue, long events) {}
