package io.beizeng.attribution;

import io.beizeng.model.LeadingTier;
import io.beizeng.model.ProductionEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Attribution} keeps for one enterprise, as one state value: an event costs one state lookup
 * instead of one per piece (on the heap backend every lookup hashes the key and probes a table). A Flink POJO, so the job's built-in serializers handle it and a change of its
 * fields is state schema evolution, not Kryo.
 */
public final class EnterpriseState {
    /** The registry history; null until the first registry change. */
    public EnterpriseHistory history;
    /**
     * Revenue (for the leading-enterprise tiers) and days reported on (to count a reporting enterprise once per town
     * and day) per month index; months older than two years are dropped.
     */
    public MonthlyReports monthlyReports = new MonthlyReports();
    /**
     * By epoch day, the towns the enterprise reported from on the days its town changed (rare): each town counts it
     * once that day. Null in state restored from before this field; days go with their month (two years).
     */
    public Map<Long, String[]> townsOnMovingDays;
    /** The leading tier last published per month index (absent: none). */
    public Map<Integer, LeadingTier> leadingTier = new HashMap<>();
    /** The last month whose end was counted: month ends are counted once each, in order (stocks are deltas). */
    public Integer lastMonthEnd;
    /** The district and stocks the enterprise was last counted in at a month end (null district: none). */
    public String countedDistrict;
    public int countedStocks;
    /** Production events ahead of the watermark, in event-time order. */
    public List<ProductionEvent> waiting = new ArrayList<>();

    public EnterpriseState() {}

    /**
     * Whether a report on a day the enterprise changes town is its first from {@code town} that day.
     * {@code firstOfDay}: its first report of the day at all; {@code townAtDayStart}: the town valid when the day
     * began, which reports counted before the day was known to change town (a late registry change) were from.
     */
    boolean firstFromTownOnMovingDay(long epochDay, String town, boolean firstOfDay, String townAtDayStart) {
        if (townsOnMovingDays == null) {
            townsOnMovingDays = new HashMap<>();
        }
        String[] towns = townsOnMovingDays.get(epochDay);
        if (towns == null) {
            towns = !firstOfDay && townAtDayStart != null ? new String[] {townAtDayStart} : new String[0];
        }
        for (String t : towns) {
            if (java.util.Objects.equals(t, town)) {
                return false;
            }
        }
        String[] more = java.util.Arrays.copyOf(towns, towns.length + 1);
        more[towns.length] = town;
        townsOnMovingDays.put(epochDay, more);
        return true;
    }

    /** Forgets the moving days before {@code epochDay}. */
    void forgetMovingDaysBefore(long epochDay) {
        if (townsOnMovingDays != null) {
            townsOnMovingDays.keySet().removeIf(d -> d < epochDay);
        }
    }

    /** Nothing worth keeping (an unknown enterprise's rejected events leave no state behind). */
    boolean holdsNothing() {
        return history == null && monthlyReports.isEmpty() && leadingTier.isEmpty()
                && (townsOnMovingDays == null || townsOnMovingDays.isEmpty()) && lastMonthEnd == null && countedDistrict == null && countedStocks == 0 && waiting.isEmpty();
    }
}
