package io.beizeng.projects;

import io.beizeng.config.Plan;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ProjectMonthRow;
import io.beizeng.model.ProjectProgressRow;
import io.beizeng.runtime.FlushTimers;
import io.beizeng.runtime.WrittenRows;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps every key project of a plan (keyed by planId, so that one subtask sees the plan's latest investment event
 * time, the as-of instant of all lights) and, at most once per update interval and at the end of input, writes the
 * {@code project_progress} rows (main output) and {@code project_months} rows (side output) that changed
 * ({@link ProjectRows}): those of the projects with new events, and of every project when the as-of day moved.
 * Projects are kept for the plan's life: they are few (a dozen per district and year) and a bulletin lists them all.
 */
public final class ProjectTracker extends KeyedProcessFunction<String, InvestmentEvent, ProjectProgressRow> {
    public static final OutputTag<ProjectMonthRow> MONTH_ROWS =
            new OutputTag<>("project-months", TypeInformation.of(ProjectMonthRow.class));

    private final ProjectRows rows;
    private final MonthCalendar calendar;
    private final long updateIntervalMs;
    private transient MapState<String, ProjectHistory> projects;
    private transient ValueState<Long> latestTs;
    private transient ValueState<Long> pendingFlush;
    /** Not checkpointed: after a restore every project's rows are written again once. */
    private transient WrittenRows written;
    private transient Set<String> changed;
    private transient long judgedDay;

    public ProjectTracker(Plan plan, long updateIntervalMs) {
        this.calendar = new MonthCalendar(plan.timezone());
        this.rows = new ProjectRows(plan.planId(), calendar, plan.projectRules(),
                plan.majorProjectThreshold().movePointRight(2).longValueExact());
        this.updateIntervalMs = updateIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        projects = getRuntimeContext().getMapState(new MapStateDescriptor<>("projects", Types.STRING,
                TypeInformation.of(ProjectHistory.class)));
        latestTs = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-investment-ts", Types.LONG));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
        written = new WrittenRows();
        changed = new HashSet<>();
        judgedDay = Long.MIN_VALUE;
    }

    @Override
    public void processElement(InvestmentEvent e, Context ctx, Collector<ProjectProgressRow> out) throws Exception {
        ProjectHistory h = projects.get(e.projectId());
        projects.put(e.projectId(), (h == null ? ProjectHistory.EMPTY : h).with(withoutOrigin(e)));
        Long latest = latestTs.value();
        if (latest == null || e.ts() > latest) {
            latestTs.update(e.ts());
        }
        changed.add(e.projectId());
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
    }

    /** The record as received is only needed while an event may still be rejected, not in a project's history. */
    private static InvestmentEvent withoutOrigin(InvestmentEvent e) {
        return e.origin() == null ? e : new InvestmentEvent(e.eventId(), e.projectId(), e.ts(), e.type(),
                e.districtCode(), e.chain(), e.amountCents(), e.techRenovation(), null);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProjectProgressRow> out) throws Exception {
        Long latest = latestTs.value();
        if (latest == null) {
            return;
        }
        long day = calendar.dayOf(latest);
        boolean all = day != judgedDay;
        for (Map.Entry<String, ProjectHistory> p : projects.entries()) {
            if (!all && !changed.contains(p.getKey())) {
                continue;
            }
            ProjectProgressRow row = rows.current(p.getKey(), p.getValue(), latest);
            if (written.changed(row.key(), row)) {
                out.collect(row);
            }
            for (ProjectMonthRow m : rows.months(p.getKey(), p.getValue(), latest)) {
                if (written.changed(m.key(), m)) {
                    ctx.output(MONTH_ROWS, m);
                }
            }
        }
        changed.clear();
        judgedDay = day;
    }
}
