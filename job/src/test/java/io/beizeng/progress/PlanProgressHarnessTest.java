package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.model.Cell;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.ProgressAlert;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The plan progress operator in Flink's harness: rows once per interval, alerts once a month is final, and no timer
 * left once every month is final. Figures worked out by hand.
 */
class PlanProgressHarnessTest {
    private static final Plan PLAN = PlanLoader.parse("""
            {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2024, "targetYear": 2025,
             "city": {"code": "C", "name": "City"},
             "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
             "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "600.00"}}}}
            """);
    private static final MonthCalendar CALENDAR = new MonthCalendar(ZoneId.of("Asia/Shanghai"));
    private static final long INTERVAL = 1_000;
    private static final long LATENESS = Duration.ofDays(35).toMillis();
    private static final int JANUARY = MonthCalendar.index(2024, 1);

    private static KeyedTwoInputStreamOperatorTestHarness<String, MonthTotal, LeadingStatus, DistrictProgressRow>
            harness() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new PlanProgress(PLAN, INTERVAL, LATENESS),
                t -> "p", l -> "p", Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    private static StreamRecord<MonthTotal> total(String district, int month, String value) {
        return new StreamRecord<>(new MonthTotal(Indicator.OUTPUT_VALUE, Cell.of(district), month,
                new BigDecimal(value), 1, 0));
    }

    private static long finalAt(int month) {
        return CALENDAR.end(month) - 1 + LATENESS;
    }

    @Test
    void rowsPerIntervalAlertsOnceFinalAndNoTimerLeft() throws Exception {
        var h = harness();
        // January: A 100 of 1200 (on track at 1/12), B 20 of 600 (behind); February: A 400 (ahead), B 100 (on track)
        h.processElement1(total("A", JANUARY, "100.00"));
        h.processElement1(total("B", JANUARY, "20.00"));
        h.processElement1(total("A", JANUARY + 1, "300.00"));
        h.processElement1(total("B", JANUARY + 1, "80.00"));
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(INTERVAL);
        List<String> rows = h.extractOutputValues().stream()
                .map(r -> r.regionCode() + " " + r.month() + " " + r.ytdValue() + " " + r.status() + " #" + r.rank())
                .toList();
        assertThat(rows).containsExactly(
                "A 1 100.00 ON_TRACK #1", "B 1 20.00 BEHIND #2", "C 1 120.00 ON_TRACK #null",
                "A 2 400.00 AHEAD #1", "B 2 100.00 ON_TRACK #2", "C 2 500.00 AHEAD #null");

        // a correction of February: only February's rows are written again
        h.processElement1(total("B", JANUARY + 1, "81.00"));
        h.setProcessingTime(3 * INTERVAL);
        assertThat(h.extractOutputValues()).hasSize(6 + 2);

        h.processBothWatermarks(new Watermark(finalAt(JANUARY)));
        assertThat(h.getSideOutput(PlanProgress.ALERTS)).as("the first final month has nothing to compare with")
                .isNull();
        h.processBothWatermarks(new Watermark(finalAt(JANUARY + 1)));
        assertThat(h.getSideOutput(PlanProgress.ALERTS)).extracting(StreamRecord::getValue)
                .extracting(a -> a.regionCode() + " " + a.kind() + " " + a.previousStatus() + "->" + a.status())
                .containsExactly("A STATUS_CHANGED ON_TRACK->AHEAD", "B STATUS_CHANGED BEHIND->ON_TRACK",
                        "C STATUS_CHANGED ON_TRACK->AHEAD");
        assertThat(h.getSideOutput(PlanProgress.ALERTS)).extracting(StreamRecord::getValue)
                .allSatisfy(a -> assertThat(a.alertId()).startsWith("p/").endsWith("/OUTPUT_VALUE/2024-02/"
                        + ProgressAlert.STATUS_CHANGED));

        // left: the end-of-input flush timer; the totals and each series' memory, which later months look back on
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(h.numProcessingTimeTimers()).as("the freshness tick").isEqualTo(1);
        // (the harness counts a state per key, not a map's entries)
        assertThat(h.numKeyedStateEntries())
                .as("the totals, the series' memories, the last final month, the flush time, the next tick")
                .isEqualTo(5);
    }

    @Test
    void aQuartersAssessmentIsProvisionalUntilItsLastMonthIsFinalAndThenWrittenOnceMore() throws Exception {
        Plan plan = PlanLoader.parse("""
                {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2024, "targetYear": 2025,
                 "city": {"code": "C", "name": "City"},
                 "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
                 "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "600.00"}}},
                 "assessment": {"indicators": {"OUTPUT_VALUE": {"weight": 1}}}}
                """);
        var h = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new PlanProgress(plan, INTERVAL, LATENESS),
                t -> "p", l -> "p", Types.STRING);
        h.setProcessingTime(0);
        int march = JANUARY + 2;
        // March: A 300 of 1200 (0.25 against 0.25: 100), B 120 of 600 (0.2 / 0.25: 80)
        h.processElement1(total("A", march, "300.00"));
        h.processElement1(total("B", march, "120.00"));
        h.setProcessingTime(INTERVAL);
        assertThat(h.getSideOutput(PlanProgress.ASSESSMENT_TOTALS)).extracting(StreamRecord::getValue)
                .extracting(t -> t.regionCode() + " Q" + t.quarter() + " " + t.totalScore() + " #" + t.rank() + " "
                        + t.grade() + (t.isFinal() ? " final" : " provisional"))
                .containsExactly("A Q1 100.0 #1 A provisional", "B Q1 80.0 #2 C provisional");
        h.processBothWatermarks(new Watermark(finalAt(march) - 1));
        assertThat(h.getSideOutput(PlanProgress.ASSESSMENT_TOTALS)).hasSize(2);
        h.processBothWatermarks(new Watermark(finalAt(march)));
        assertThat(h.getSideOutput(PlanProgress.ASSESSMENT_TOTALS)).extracting(StreamRecord::getValue)
                .extracting(t -> t.regionCode() + (t.isFinal() ? " final" : " provisional"))
                .containsExactly("A provisional", "B provisional", "A final", "B final");
        // the scores themselves did not change, so they were not written again
        assertThat(h.getSideOutput(PlanProgress.ASSESSMENT_SCORES)).hasSize(2);
        // a later flush writes nothing more for a final quarter
        h.processElement1(total("A", march + 1, "10.00"));
        h.setProcessingTime(3 * INTERVAL);
        assertThat(h.getSideOutput(PlanProgress.ASSESSMENT_TOTALS)).hasSize(4);
    }
}
