package io.beizeng.sink;

import io.beizeng.model.DistrictProgressRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Passes district_progress rows on to their table and counts them: {@code beizeng_districtProgressRowsWritten}, and
 * per region {@code beizeng_region_lastUpdateMs}, when a row of it was last written (epoch ms), where stale data
 * shows.
 */
public final class ProgressRowMetrics extends RichMapFunction<DistrictProgressRow, DistrictProgressRow> {
    private transient MetricGroup group;
    private transient Counter rowsWritten;
    private transient Map<String, long[]> lastUpdate;

    @Override
    public void open(OpenContext openContext) {
        group = getRuntimeContext().getMetricGroup().addGroup("beizeng");
        rowsWritten = group.counter("districtProgressRowsWritten");
        lastUpdate = new HashMap<>();
    }

    @Override
    public DistrictProgressRow map(DistrictProgressRow row) {
        rowsWritten.inc();
        lastUpdate.computeIfAbsent(row.regionCode(), code -> {
            long[] at = new long[1];
            group.addGroup("region", code).gauge("lastUpdateMs", (Gauge<Long>) () -> at[0]);
            return at;
        })[0] = System.currentTimeMillis();
        return row;
    }
}
