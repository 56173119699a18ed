package io.beizeng.runtime;

import io.beizeng.progress.CalendarWindows;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.MonthCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.WindowFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Flushes (and early window firings) soon after a first update, and at most once per interval. */
class FlushTimersTest {
    private static final long INTERVAL = 50;

    @Test
    void aFlushFollowsAFirstUpdateSoonAndTheLastFlushByAnInterval() {
        assertThat(FlushTimers.flushAt(1_000, null, INTERVAL)).isEqualTo(1_005);
        // the last flush long ago: soon
        assertThat(FlushTimers.flushAt(1_000, 100L, INTERVAL)).isEqualTo(1_005);
        // the last flush 20 ms ago: an interval after it
        assertThat(FlushTimers.flushAt(1_000, 980L, INTERVAL)).isEqualTo(1_030);
        // never sooner than 1 ms, even for a tiny interval
        assertThat(FlushTimers.flushAt(1_000, null, 5)).isEqualTo(1_001);
        // a flush armed for later: none more; one armed for now or before has fired
        assertThat(FlushTimers.armAt(1_000, 1_030L, INTERVAL)).isEqualTo(-1);
        assertThat(FlushTimers.armAt(1_000, 1_000L, INTERVAL)).isEqualTo(1_050);
    }

    /** Collects its input and emits it as one batch per flush. */
    private static final class Batches extends KeyedProcessFunction<String, String, List<String>> {
        private transient ValueState<Long> flush;
        private final List<String> held = new ArrayList<>();

        @Override
        public void open(OpenContext openContext) {
            flush = getRuntimeContext().getState(new ValueStateDescriptor<>("flush", Types.LONG));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<List<String>> out) throws Exception {
            held.add(value);
            FlushTimers.schedule(ctx.timerService(), flush, INTERVAL);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<List<String>> out) {
            if (!held.isEmpty()) {
                out.collect(List.copyOf(held));
                held.clear();
            }
        }
    }

    @Test
    void updatesFlushSoonAfterAQuietSpellAndAtMostOncePerInterval() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new Batches(), v -> "plan", Types.STRING);
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>("a"));
        h.processElement(new StreamRecord<>("b"));
        h.setProcessingTime(4);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(5);
        assertThat(h.extractOutputValues()).containsExactly(List.of("a", "b"));
        // within the interval after that flush: the next waits for its end
        h.setProcessingTime(20);
        h.processElement(new StreamRecord<>("c"));
        h.setProcessingTime(30);
        h.processElement(new StreamRecord<>("d"));
        h.setProcessingTime(54);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.setProcessingTime(55);
        assertThat(h.extractOutputValues()).containsExactly(List.of("a", "b"), List.of("c", "d"));
        // quiet, then an update: soon again
        h.setProcessingTime(300);
        h.processElement(new StreamRecord<>("e"));
        h.setProcessingTime(305);
        assertThat(h.extractOutputValues()).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        // the end of input flushes what is held
        h.processElement(new StreamRecord<>("f"));
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).last().isEqualTo(List.of("f"));
    }

    @Test
    void anOpenMonthFiresEarlySoonAfterAQuietSpellAndAtMostOncePerInterval() throws Exception {
        MonthCalendar calendar = new MonthCalendar(ZoneId.of("Asia/Shanghai"));
        CalendarWindows months = CalendarWindows.months(calendar, INTERVAL);
        WindowFunction<Long, Long, String, TimeWindow> sum = (key, window, input, out) -> out.collect(
                input.iterator().next());
        var operator = new WindowOperatorBuilder<Long, String, TimeWindow>(months, months.getDefaultTrigger(),
                new ExecutionConfig(), Types.LONG, v -> "district", Types.STRING).reduce(Long::sum, sum);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, v -> "district", Types.STRING);
        h.open();
        long march = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();
        h.processWatermark(new Watermark(march - 1));
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(1L, march));
        h.setProcessingTime(5);
        assertThat(h.extractOutputValues()).containsExactly(1L);
        h.setProcessingTime(20);
        h.processElement(new StreamRecord<>(10L, march));
        h.setProcessingTime(54);
        assertThat(h.extractOutputValues()).containsExactly(1L);
        h.setProcessingTime(55);
        assertThat(h.extractOutputValues()).containsExactly(1L, 11L);
        h.setProcessingTime(400);
        h.processElement(new StreamRecord<>(100L, march));
        h.setProcessingTime(405);
        assertThat(h.extractOutputValues()).containsExactly(1L, 11L, 111L);
        h.close();
    }
}
