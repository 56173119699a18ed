package io.beizeng.progress;

import io.beizeng.config.Feed;
import io.beizeng.config.Indicator;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.Cell;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.TownDayTotal;
import io.beizeng.runtime.ExactSums;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Incremental sums per cell and calendar window (one accumulator per window, not a list of events), with a slot per
 * measure of the stream ({@link Indicator#measuresOf}), and their labels: one {@link MonthTotal} per indicator.
 */
public final class MonthTotals {
    private MonthTotals() {}

    /** Sums into {@link ExactSums} of a number of slots; subclasses say what an element adds. */
    private abstract static class Sums<T> implements AggregateFunction<T, ExactSums, ExactSums> {
        private final int slots;

        Sums(int slots) {
            this.slots = slots;
        }

        @Override
        public ExactSums createAccumulator() {
            return new ExactSums(slots);
        }

        @Override
        public ExactSums getResult(ExactSums acc) {
            return acc;
        }

        @Override
        public ExactSums merge(ExactSums a, ExactSums b) {
            return a.merge(b);
        }
    }

    /** Sums of partial sums: what the combiners before the shuffle hand on. */
    public static final class Partials extends Sums<PartialSums> {
        public Partials(int slots) {
            super(slots);
        }

        @Override
        public ExactSums add(PartialSums value, ExactSums acc) {
            return acc.merge(value.sums());
        }
    }

    /** Production: an event's amounts, for the district, chain and park of its enterprise and its month. */
    public static final class Production implements MapFunction<AttributedOutput, PartialSums> {
        private final CalendarWindows months;

        /** @param months the windows the sums go to */
        public Production(CalendarWindows months) {
            this.months = months;
        }

        @Override
        public PartialSums map(AttributedOutput value) {
            ExactSums sums = new ExactSums(value.amounts().length);
            sums.addEvent(value.amounts(), value.ts());
            return new PartialSums(new Cell(value.districtCode(), value.chain(), value.parkId()),
                    months.windowOf(value.ts()).getEnd(), sums);
        }
    }

    /** Investment: what each investment indicator's feed takes from an event. */
    public static final class Investment extends Sums<InvestmentEvent> {
        private static final List<Indicator> MEASURES = Indicator.measuresOf(Indicator.Source.INVESTMENT);
        private final long majorProjectThresholdCents;

        public Investment(BigDecimal majorProjectThreshold) {
            super(MEASURES.size());
            this.majorProjectThresholdCents = majorProjectThreshold.movePointRight(2).longValueExact();
        }

        @Override
        public ExactSums add(InvestmentEvent e, ExactSums acc) {
            for (int i = 0; i < MEASURES.size(); i++) {
                acc.add(i, ((Feed.Investment) MEASURES.get(i).feed()).of(e, majorProjectThresholdCents));
            }
            acc.events++;
            acc.latestEventMs = Math.max(acc.latestEventMs, e.ts());
            return acc;
        }
    }

    /** Labels a window's sums: one total per indicator of the stream, for the cell and the window's month. */
    public static final class Label extends ProcessWindowFunction<ExactSums, MonthTotal, Cell, TimeWindow> {
        private final MonthCalendar calendar;
        private final List<Indicator> measures;

        /** @param source the stream whose measures the sums hold, slot by slot */
        public Label(MonthCalendar calendar, Indicator.Source source) {
            this.calendar = calendar;
            this.measures = Indicator.measuresOf(source);
        }

        @Override
        public void process(Cell cell, Context ctx, Iterable<ExactSums> sums, Collector<MonthTotal> out) {
            ExactSums acc = sums.iterator().next();
            int month = calendar.indexOf(ctx.window().getStart());
            for (Indicator indicator : measures) {
                out.collect(new MonthTotal(indicator, cell, month,
                        acc.value(indicator.slot(), indicator.unit().scale()).setScale(2), acc.events,
                        acc.latestEventMs));
            }
        }
    }

    /** Slots of a town's day: output value (cents), electricity (Wh), enterprises reporting. */
    static final int TOWN_OUTPUT = 0;
    static final int TOWN_WH = 1;
    static final int TOWN_REPORTERS = 2;
    public static final int TOWN_SLOTS = 3;

    /** A town's day: output value, electricity and whether the event is its enterprise's first report that day. */
    public static final class TownDay implements MapFunction<AttributedOutput, PartialSums> {
        private final CalendarWindows days;

        /** @param days the windows the sums go to */
        public TownDay(CalendarWindows days) {
            this.days = days;
        }

        @Override
        public PartialSums map(AttributedOutput value) {
            ExactSums sums = new ExactSums(TOWN_SLOTS);
            sums.add(TOWN_OUTPUT, value.amounts()[Indicator.OUTPUT_VALUE.slot()]);
            sums.add(TOWN_WH, value.electricityWh());
            if (value.firstReportOfDayInTown()) {
                sums.add(TOWN_REPORTERS, 1);
            }
            sums.events++;
            sums.latestEventMs = value.ts();
            return new PartialSums(Cell.of(value.townCode()), days.windowOf(value.ts()).getEnd(), sums);
        }
    }

    /** Labels a town's day. */
    public static final class TownDayLabel extends ProcessWindowFunction<ExactSums, TownDayTotal, Cell, TimeWindow> {
        private final MonthCalendar calendar;

        public TownDayLabel(MonthCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public void process(Cell town, Context ctx, Iterable<ExactSums> sums, Collector<TownDayTotal> out) {
            ExactSums acc = sums.iterator().next();
            out.collect(new TownDayTotal(town.region(), calendar.dayOf(ctx.window().getStart()),
                    acc.value(TOWN_OUTPUT, 2), acc.value(TOWN_WH, 3), acc.count(TOWN_REPORTERS)));
        }
    }
}
