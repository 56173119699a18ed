package io.beizeng.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A production event attributed to the registry version of its enterprise valid at its event time.
 *
 * @param amounts the event's amounts in cents, by production measure slot (the event's own array, never changed)
 * @param electricityWh electricity in Wh (kWh × 1000, rounded half-up), 0 when not reported
 * @param firstReportOfDayInTown the enterprise's first accepted report of this calendar day from its town (for counting
 *     each town's reporters)
 */
public record AttributedOutput(
        String enterpriseId,
        String districtCode,
        String townCode,
        Chain chain,
        String parkId,
        long ts,
        long[] amounts,
        long electricityWh,
        boolean firstReportOfDayInTown) {

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributedOutput a && ts == a.ts && electricityWh == a.electricityWh
                && firstReportOfDayInTown == a.firstReportOfDayInTown && Objects.equals(enterpriseId, a.enterpriseId)
                && Objects.equals(districtCode, a.districtCode) && Objects.equals(townCode, a.townCode)
                && chain == a.chain && Objects.equals(parkId, a.parkId) && Arrays.equals(amounts, a.amounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enterpriseId, districtCode, townCode, chain, parkId, ts, Arrays.hashCode(amounts),
                electricityWh, firstReportOfDayInTown);
    }

    @Override
    public String toString() {
        return "AttributedOutput[enterpriseId=" + enterpriseId + ", districtCode=" + districtCode + ", townCode="
                + townCode + ", chain=" + chain + ", parkId=" + parkId + ", ts=" + ts + ", amounts="
                + Arrays.toString(amounts) + ", electricityWh=" + electricityWh + ", firstReportOfDayInTown="
                + firstReportOfDayInTown + "]";
    }
}
