package io.beizeng.towns;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.MonthCalendar;
import io.beizeng.model.TownActivityRow;
import io.beizeng.model.TownDayTotal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The town activity operator in Flink's harness: its rows, and that a day leaves state once it can no longer change. */
class TownActivityHarnessTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final MonthCalendar CALENDAR = new MonthCalendar(SHANGHAI);
    private static final long LATENESS = Duration.ofDays(66).toMillis();
    private static final long INTERVAL = 1_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, TownDayTotal, TownActivityRow> harness()
            throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TownActivity("p", CALENDAR, LATENESS, INTERVAL), t -> "p", Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    private static TownDayTotal total(String town, String date, String output) {
        return new TownDayTotal(town, day(date), new BigDecimal(output), new BigDecimal("1.500"), 3);
    }

    @Test
    void rowsAreWrittenOncePerIntervalAndOnlyWhenTheyChange() throws Exception {
        var h = harness();
        h.processElement(total("T1", "2024-03-04", "10.00"), 0);
        h.processElement(total("T2", "2024-03-04", "30.00"), 0);
        h.processElement(total("T1", "2024-03-11", "15.00"), 0);
        assertThat(h.extractOutputValues()).as("nothing before the flush").isEmpty();
        h.setProcessingTime(INTERVAL);
        List<TownActivityRow> rows = h.extractOutputValues();
        assertThat(rows).extracting(r -> r.townCode() + " " + LocalDate.ofEpochDay(r.epochDay()) + " #" + r.rank()
                        + " " + r.weekAgoOutputValue())
                .containsExactly("T2 2024-03-04 #1 null", "T1 2024-03-04 #2 null", "T1 2024-03-11 #1 10.00");
        assertThat(rows.get(2).changeVsWeekAgo()).isEqualTo(0.5);
        // the same total again changes nothing: no row
        h.processElement(total("T2", "2024-03-04", "30.00"), 0);
        h.setProcessingTime(3 * INTERVAL);
        assertThat(h.extractOutputValues()).hasSize(3);
    }

    @Test
    void aDayLeavesStateOnceTheWatermarkIsAWeekPastItsLastCorrectionEvenWhenTheStreamIsQuiet() throws Exception {
        var h = harness();
        h.processElement(total("T1", "2024-03-04", "10.00"), 0);
        h.processElement(total("T1", "2024-03-11", "15.00"), 0);
        // a day takes corrections until its end plus the lateness, and is compared with a week later for 8 days more
        long forget4th = CALENDAR.dayStart(day("2024-03-05")) + LATENESS + Duration.ofDays(8).toMillis() + 1;
        h.processWatermark(new Watermark(forget4th - 1));
        // (the harness counts a state per key, not a map's entries)
        assertThat(h.numKeyedStateEntries()).as("the days, the flush time").isEqualTo(2);
        h.processWatermark(new Watermark(forget4th));
        // the 4th is gone, its rows written first; the 11th is kept a week longer
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.numKeyedStateEntries()).as("the 11th, its week-ago value, the flush time").isEqualTo(3);
        // the 4th is no longer held: the 18th compares with the 11th, and the 11th still with the 4th's output
        h.processElement(total("T1", "2024-03-18", "30.00"), 0);
        h.setProcessingTime(2 * INTERVAL);
        assertThat(h.extractOutputValues()).hasSize(3).last()
                .satisfies(r -> assertThat(r.weekAgoOutputValue()).isEqualByComparingTo("15.00"));
        h.processWatermark(new Watermark(forget4th + Duration.ofDays(14).toMillis()));
        // what remains is the time of the last flush and the timer that flushes at the end of input
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.setProcessingTime(10 * INTERVAL);
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(h.extractOutputValues()).as("forgetting a day writes nothing").hasSize(3);
    }
}
