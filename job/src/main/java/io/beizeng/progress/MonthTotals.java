package io.beizeng.progress;

import io.beizeng.runtime.LocalCombiner;
import io.beizeng.config.Indicator;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.Chain;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import io.beizeng.model.MonthCalendar;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Incremental monthly sums per district (one accumulator per window, not a list of events). */
public final class MonthTotals {
    private MonthTotals() {}

    /** Sums into a {@link MonthAccumulator}; subclasses say what an element adds. */
    private abstract static class Sums<T> implements AggregateFunction<T, MonthAccumulator, MonthAccumulator> {
        @Override
        public MonthAccumulator createAccumulator() {
            return new MonthAccumulator();
        }

        @Override
        public MonthAccumulator getResult(MonthAccumulator acc) {
            return acc;
        }

        @Override
        public MonthAccumulator merge(MonthAccumulator a, MonthAccumulator b) {
            return a.merge(b);
        }
    }

    /** Sums of partial sums: what the combiners before the shuffle hand on (see {@link LocalCombiner}). */
    public static final class Partials extends Sums<PartialSums> {
        @Override
        public MonthAccumulator add(PartialSums value, MonthAccumulator acc) {
            return acc.merge(value.sums());
        }
    }

    /** Production: output value and revenue of one event, for its district, chain and park and its month. */
    public static final class Production implements MapFunction<AttributedOutput, PartialSums> {
        /** More cells than a plan has; past it the keys are built anew, so that memory stays bounded. */
        static final int MAX_CELLS = 10_000;

        private final CalendarWindows months;
        // A few hundred cells (district, chain, park) carry all events: each cell's key is built once, so that an
        // event neither concatenates a string nor has the combiner hash and compare a new one (in the profiles, a
        // tenth of the attribution task's samples).
        private transient Map<Cell, String> keys;

        /** @param months the windows the sums go to */
        public Production(CalendarWindows months) {
            this.months = months;
        }

        @Override
        public PartialSums map(AttributedOutput value) {
            MonthAccumulator acc = new MonthAccumulator();
            acc.add(value.outputValueCents(), value.revenueCents());
            return new PartialSums(keyOf(value), months.windowOf(value.ts()).getEnd(), acc);
        }

        private String keyOf(AttributedOutput a) {
            if (keys == null) {
                keys = new HashMap<>();
            }
            Cell cell = new Cell(a.districtCode(), a.chain(), a.parkId());
            String key = keys.get(cell);
            if (key == null) {
                if (keys.size() >= MAX_CELLS) {
                    keys.clear();
                }
                key = Label.productionKey(a);
                keys.put(cell, key);
            }
            return key;
        }

        /** A district, chain and park, which a production window key names. In memory only: an enum hash varies. */
        private record Cell(String districtCode, Chain chain, String parkId) {}
    }

    /**
     * Investment: reported investment, the part of it in technical renovation, and major projects (SIGNED at or
     * above the threshold).
     */
    public static final class Investment extends Sums<InvestmentEvent> {
        private final long majorProjectThresholdCents;

        public Investment(BigDecimal majorProjectThreshold) {
            this.majorProjectThresholdCents = majorProjectThreshold.movePointRight(2).longValueExact();
        }

        @Override
        public MonthAccumulator add(InvestmentEvent e, MonthAccumulator acc) {
            long reported = e.type() == InvestmentEventType.INVESTMENT_REPORTED ? e.amountCents() : 0;
            acc.add(reported, e.techRenovation() ? reported : 0);
            if (e.type() == InvestmentEventType.SIGNED && e.amountCents() >= majorProjectThresholdCents) {
                acc.count++;
            }
            return acc;
        }
    }

    /** A town's day: output value, electricity (Wh) and whether the event is its enterprise's first report that day. */
    public static final class TownDay implements MapFunction<AttributedOutput, PartialSums> {
        private final CalendarWindows days;

        /** @param days the windows the sums go to */
        public TownDay(CalendarWindows days) {
            this.days = days;
        }

        @Override
        public PartialSums map(AttributedOutput value) {
            MonthAccumulator acc = new MonthAccumulator();
            acc.add(value.outputValueCents(), value.electricityWh());
            if (value.firstReportOfDay()) {
                acc.count++;
            }
            return new PartialSums(value.townCode(), days.windowOf(value.ts()).getEnd(), acc);
        }
    }

    /** Labels a town's day. */
    public static final class TownDayLabel
            extends ProcessWindowFunction<MonthAccumulator, io.beizeng.model.TownDayTotal, String, TimeWindow> {
        private final MonthCalendar calendar;

        public TownDayLabel(MonthCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public void process(String town, Context ctx, Iterable<MonthAccumulator> sums,
                Collector<io.beizeng.model.TownDayTotal> out) {
            MonthAccumulator acc = sums.iterator().next();
            out.collect(new io.beizeng.model.TownDayTotal(town, calendar.dayOf(ctx.window().getStart()), acc.first(),
                    acc.second(3), acc.count));
        }
    }

    /** Labels a window's sums with district, month and indicator: one total per indicator. */
    public static final class Label
            extends ProcessWindowFunction<MonthAccumulator, DistrictMonthTotal, String, TimeWindow> {
        private final MonthCalendar calendar;
        private final Indicator first;
        private final Indicator second;
        private final Indicator count;

        private Label(MonthCalendar calendar, Indicator first, Indicator second, Indicator count) {
            this.calendar = calendar;
            this.first = first;
            this.second = second;
            this.count = count;
        }

        public static Label production(MonthCalendar calendar) {
            return new Label(calendar, Indicator.OUTPUT_VALUE, Indicator.REVENUE, null);
        }

        public static Label investment(MonthCalendar calendar) {
            return new Label(calendar, Indicator.INDUSTRIAL_INVESTMENT, Indicator.TECH_RENOVATION_INVESTMENT,
                    Indicator.MAJOR_PROJECTS);
        }

        /** The window key of production: district, chain and park of the enterprise at event time. */
        public static String productionKey(AttributedOutput a) {
            return a.districtCode() + '|' + a.chain().name() + '|' + (a.parkId() == null ? "" : a.parkId());
        }

        @Override
        public void process(String key, Context ctx, Iterable<MonthAccumulator> sums,
                Collector<DistrictMonthTotal> out) {
            MonthAccumulator acc = sums.iterator().next();
            int m = calendar.indexOf(ctx.window().getStart());
            int year = MonthCalendar.year(m);
            int month = MonthCalendar.month(m);
            String[] parts = key.split("\\|", -1);
            String district = parts[0];
            Chain chain = parts.length > 1 ? Chain.valueOf(parts[1]) : null;
            String park = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
            out.collect(new DistrictMonthTotal(district, chain, park, year, month, first, acc.first(), acc.events));
            out.collect(new DistrictMonthTotal(district, chain, park, year, month, second, acc.second(), acc.events));
            if (count != null) {
                out.collect(new DistrictMonthTotal(district, chain, park, year, month, count,
                        BigDecimal.valueOf(acc.count).setScale(2), acc.events));
            }
        }
    }
}
