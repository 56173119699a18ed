package io.beizeng.progress;

import io.beizeng.config.Plan;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.ParkProgressRow;
import org.apache.flink.util.OutputTag;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.Fingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the latest total of every district and month of a plan (keyed by planId, so one subtask sees them all and
 * emits each row in order) and, once per update interval, recomputes the plan's rows and emits those that changed:
 * district_progress on the main output, chain_progress and park_progress on side outputs.
 */
public final class ProgressUpdater
        extends KeyedCoProcessFunction<String, DistrictMonthTotal, LeadingStatus, DistrictProgressRow> {
    public static final OutputTag<LeadingStatus> LEADING_ROWS =
            new OutputTag<>("leading-enterprises", TypeInformation.of(LeadingStatus.class));
    public static final OutputTag<ChainProgressRow> CHAIN_ROWS =
            new OutputTag<>("chain-progress", TypeInformation.of(ChainProgressRow.class));
    public static final OutputTag<ParkProgressRow> PARK_ROWS =
            new OutputTag<>("park-progress", TypeInformation.of(ParkProgressRow.class));

    private final ProgressCalculator calculator;
    private final long updateIntervalMs;
    private transient MapState<String, DistrictMonthTotal> totals;
    private transient MapState<String, LeadingStatus> leading;
    /**
     * Fingerprints of the rows written since this task started. Deliberately not checkpointed: after a restore the
     * table may hold rows written after the checkpoint, so everything is written again once.
     */
    private transient Map<String, Long> emitted;
    private transient ValueState<Long> pendingFlush;

    public ProgressUpdater(Plan plan, long updateIntervalMs) {
        this.calculator = new ProgressCalculator(plan);
        this.updateIntervalMs = updateIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "district-month-totals", Types.STRING, TypeInformation.of(DistrictMonthTotal.class)));
        emitted = new HashMap<>();
        leading = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "leading-standings", Types.STRING, TypeInformation.of(LeadingStatus.class)));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
    }

    @Override
    public void processElement1(DistrictMonthTotal total, Context ctx, Collector<DistrictProgressRow> out)
            throws Exception {
        totals.put(total.key(), total);
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
    }

    @Override
    public void processElement2(LeadingStatus status, Context ctx, Collector<DistrictProgressRow> out)
            throws Exception {
        leading.put(status.key(), status);
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DistrictProgressRow> out) throws Exception {
        FlushTimers.fired(pendingFlush, ctx.timeDomain() == TimeDomain.PROCESSING_TIME);
        List<DistrictMonthTotal> all = new ArrayList<>();
        for (DistrictMonthTotal t : totals.values()) {
            all.add(t);
        }
        List<LeadingStatus> standings = new ArrayList<>();
        for (LeadingStatus l : leading.values()) {
            standings.add(l);
            if (changed("leading|" + l.planId() + '|' + l.key(), l)) {
                ctx.output(LEADING_ROWS, l);
            }
        }
        for (DistrictProgressRow row : calculator.rows(all, standings)) {
            if (changed(row.key(), row)) {
                out.collect(row);
            }
        }
        for (ChainProgressRow row : calculator.chainRows(all)) {
            if (changed(row.key(), row)) {
                ctx.output(CHAIN_ROWS, row);
            }
        }
        for (ParkProgressRow row : calculator.parkRows(all)) {
            if (changed(row.key(), row)) {
                ctx.output(PARK_ROWS, row);
            }
        }
    }

    /** Whether a row differs from what was written last; remembers it. */
    private boolean changed(String key, Record row) {
        long fp = new Fingerprint().add(row.toString()).value();
        Long previous = emitted.put(key, fp);
        return previous == null || previous != fp;
    }
}
