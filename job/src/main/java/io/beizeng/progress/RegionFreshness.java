package io.beizeng.progress;

import io.beizeng.model.MonthTotal;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The gauge {@code beizeng_region_latestEventMs} per region: the latest event time among the region's accepted
 * events, as its monthly totals hold it. It comes from the totals, which are checkpointed, so after a restore it
 * says what it said before (a region's data that was stale still is): a time of writing would be reset by the rows
 * a restore writes again.
 */
final class RegionFreshness {
    private final MetricGroup group;
    private final Map<String, long[]> latest = new HashMap<>();

    RegionFreshness(MetricGroup group) {
        this.group = group;
    }

    void seen(MonthTotal total) {
        if (total.latestEventMs() == Long.MIN_VALUE) {
            return;
        }
        long[] at = latest.computeIfAbsent(total.cell().region(), region -> {
            long[] cell = {Long.MIN_VALUE};
            group.addGroup("region", region).gauge("latestEventMs", (Gauge<Long>) () -> cell[0]);
            return cell;
        });
        at[0] = Math.max(at[0], total.latestEventMs());
    }

    void seenAll(Iterable<MonthTotal> totals) {
        totals.forEach(this::seen);
    }
}
