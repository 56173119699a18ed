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

    /** Nothing worth keeping (an unknown enterprise's rejected events leave no state behind). */
    boolean holdsNothing() {
        return history == null && monthlyReports.isEmpty() && leadingTier.isEmpty()
                && lastMonthEnd == null && countedDistrict == null && countedStocks == 0 && waiting.isEmpty();
    }
}
