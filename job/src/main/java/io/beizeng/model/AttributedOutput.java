package io.beizeng.model;

/**
 * A production event attributed to the registry version of its enterprise valid at its event time.
 *
 * @param electricityWh electricity in Wh (kWh × 1000, rounded half-up), 0 when not reported
 * @param firstReportOfDay the enterprise's first accepted report of this calendar day (for counting reporters)
 */
public record AttributedOutput(
        String enterpriseId,
        String districtCode,
        String townCode,
        Chain chain,
        String parkId,
        long ts,
        long outputValueCents,
        long revenueCents,
        long electricityWh,
        boolean firstReportOfDay) {}
