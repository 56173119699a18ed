package io.beizeng.progress;

import io.beizeng.config.Indicator;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.Cell;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.runtime.ExactSums;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The monthly sums stage: every indicator's total per cell and calendar month, from event-time windows, and the
 * month-end stock changes summed per indicator, district and month; one stream of {@link MonthTotal}s.
 */
public final class MonthlySums {
    private MonthlySums() {}

    public static DataStream<MonthTotal> of(Plan plan, MonthCalendar calendar, JobSettings settings,
            DataStream<AttributedOutput> attributedAtEventTime, DataStream<InvestmentEvent> investment,
            DataStream<MonthTotal> stockChanges) {
        CalendarWindows months = CalendarWindows.months(calendar, settings.earlyFiringMs());
        int productionSlots = Indicator.measuresOf(Indicator.Source.PRODUCTION).size();
        // per-event sums are combined inside the attribution task before they cross the shuffle to the windows
        DataStream<MonthTotal> production = attributedAtEventTime
                .map(new MonthTotals.Production(months)).returns(PartialSums.class)
                .name("district month sums").uid("district-month-sums")
                .transform("district month combiner", TypeInformation.of(PartialSums.class), PartialSums.combiner(settings))
                .uid("district-month-combiner")
                .keyBy(PartialSums::cell)
                .window(months)
                .allowedLateness(settings.allowedLateness())
                .aggregate(new MonthTotals.Partials(productionSlots),
                        new MonthTotals.Label(calendar, Indicator.Source.PRODUCTION),
                        TypeInformation.of(ExactSums.class), TypeInformation.of(ExactSums.class),
                        TypeInformation.of(MonthTotal.class))
                .name("district month totals").uid("district-month-windows");
        DataStream<MonthTotal> invested = investment
                .keyBy(e -> Cell.of(e.districtCode()), TypeInformation.of(Cell.class))
                .window(months)
                .allowedLateness(settings.allowedLateness())
                .aggregate(new MonthTotals.Investment(plan.majorProjectThreshold()),
                        new MonthTotals.Label(calendar, Indicator.Source.INVESTMENT),
                        TypeInformation.of(ExactSums.class), TypeInformation.of(ExactSums.class),
                        TypeInformation.of(MonthTotal.class))
                .name("district month investment").uid("district-month-investment-windows");
        DataStream<MonthTotal> stocks = stockChanges
                .keyBy(MonthTotal::key, TypeInformation.of(MonthTotal.Key.class))
                .reduce((a, b) -> MonthTotal.stockChange(a.indicator(), a.cell().region(), a.month(),
                        a.value().add(b.value())))
                .returns(MonthTotal.class)
                .name("district month stock changes").uid("district-month-stock-changes");
        return production.union(invested, stocks);
    }
}
