package io.beizeng.progress;

import io.beizeng.model.AttributedOutput;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.MonthCalendar;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Sums a district's month incrementally (one accumulator per window, not a list of events). */
public final class MonthTotals implements AggregateFunction<AttributedOutput, MonthAccumulator, MonthAccumulator> {

    @Override
    public MonthAccumulator createAccumulator() {
        return new MonthAccumulator();
    }

    @Override
    public MonthAccumulator add(AttributedOutput value, MonthAccumulator acc) {
        acc.add(value.outputValueCents(), value.revenueCents());
        return acc;
    }

    @Override
    public MonthAccumulator getResult(MonthAccumulator acc) {
        return acc;
    }

    @Override
    public MonthAccumulator merge(MonthAccumulator a, MonthAccumulator b) {
        return a.merge(b);
    }

    /** Labels a window's sums with its district and month. */
    public static final class Label
            extends ProcessWindowFunction<MonthAccumulator, DistrictMonthTotal, String, TimeWindow> {
        private final MonthCalendar calendar;

        public Label(MonthCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public void process(String district, Context ctx, Iterable<MonthAccumulator> sums,
                Collector<DistrictMonthTotal> out) {
            MonthAccumulator acc = sums.iterator().next();
            int month = calendar.indexOf(ctx.window().getStart());
            out.collect(new DistrictMonthTotal(district, MonthCalendar.year(month), MonthCalendar.month(month),
                    acc.outputValue(), acc.revenue(), acc.events));
        }
    }
}
