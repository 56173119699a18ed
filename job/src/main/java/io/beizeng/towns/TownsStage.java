package io.beizeng.towns;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.TownActivityRow;
import io.beizeng.model.TownDayTotal;
import io.beizeng.progress.CalendarWindows;
import io.beizeng.progress.MonthTotals;
import io.beizeng.progress.PartialSums;
import io.beizeng.runtime.ExactSums;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The towns stage: each town's day (the enterprise's town at event time) from event-time daily windows, ranked and
 * compared with a week earlier ({@link TownActivity}). A day takes corrections as long as its month does.
 */
public final class TownsStage {
    private TownsStage() {}

    public static DataStream<TownActivityRow> of(Plan plan, MonthCalendar calendar, JobSettings settings,
            DataStream<AttributedOutput> attributedAtEventTime) {
        String planId = plan.planId();
        CalendarWindows days = CalendarWindows.days(calendar, settings.earlyFiringMs());
        long lateness = settings.allowedLateness().plusDays(31).toMillis();
        return attributedAtEventTime
                .filter(a -> a.townCode() != null).name("with town").uid("with-town")
                .map(new MonthTotals.TownDay(days)).returns(PartialSums.class)
                .name("town day sums").uid("town-day-sums")
                .transform("town day combiner", TypeInformation.of(PartialSums.class),
                        PartialSums.combiner(settings))
                .uid("town-day-combiner")
                .keyBy(PartialSums::cell)
                .window(days)
                .allowedLateness(java.time.Duration.ofMillis(lateness))
                .aggregate(new MonthTotals.Partials(MonthTotals.TOWN_SLOTS), new MonthTotals.TownDayLabel(calendar),
                        TypeInformation.of(ExactSums.class), TypeInformation.of(ExactSums.class),
                        TypeInformation.of(TownDayTotal.class))
                .name("town day totals").uid("town-day-windows")
                .keyBy(t -> planId)
                .process(new TownActivity(planId, calendar, lateness, settings.updateInterval().toMillis()))
                .returns(TownActivityRow.class)
                .name("town activity").uid("town-activity");
    }
}
