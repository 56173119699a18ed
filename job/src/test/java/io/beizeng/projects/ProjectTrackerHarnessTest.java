package io.beizeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.model.Chain;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import io.beizeng.model.Origin;
import io.beizeng.model.ProjectMonthRow;
import io.beizeng.model.ProjectProgressRow;
import io.beizeng.model.SourceTopic;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The key project tracker in Flink's harness: rows once per interval, every project judged again when the as-of day
 * moves, the months of a project from its first event on, and no timer left after the end of input. Lights worked
 * out by hand with rules 30 days to start, 100 to complete, lag 0.
 */
class ProjectTrackerHarnessTest {
    private static final Plan PLAN = PlanLoader.parse("""
            {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2024, "targetYear": 2025,
             "city": {"code": "C", "name": "City"}, "majorProjectThreshold": 1000,
             "projectRules": {"startWithinDays": 30, "completeWithinDays": 100, "investedShareLag": 0},
             "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
             "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "600.00"}}}}
            """);
    private static final long INTERVAL = 1_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, InvestmentEvent, ProjectProgressRow> harness()
            throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ProjectTracker(PLAN, INTERVAL), e -> "p",
                Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    private static long at(String day) {
        return OffsetDateTime.parse(day + "T10:00:00+08:00").toInstant().toEpochMilli();
    }

    private static StreamRecord<InvestmentEvent> event(String id, String project, String day,
            InvestmentEventType type, String district, Long yuan) {
        return new StreamRecord<>(new InvestmentEvent(id, project, at(day), type, district, Chain.NEW_ENERGY,
                yuan == null ? null : yuan * 100, false, new Origin(SourceTopic.INVESTMENT, "0:0", new byte[10])));
    }

    private static String describe(ProjectProgressRow r) {
        return r.projectId() + " " + r.districtCode() + " " + r.stage() + " " + r.light() + " " + r.lightReason() + " "
                + LocalDate.ofEpochDay(r.asOfDay());
    }

    private static String describe(ProjectMonthRow r) {
        return r.projectId() + " " + r.year() + "-" + r.month() + " " + r.stage() + " " + r.investedToDate() + " "
                + r.lightReason() + " " + LocalDate.ofEpochDay(r.judgedOnDay());
    }

    @Test
    void rowsPerIntervalEveryProjectJudgedAgainWhenTheDayMovesAndNoTimerLeft() throws Exception {
        var h = harness();
        h.processElement(event("e1", "P1", "2024-01-05", InvestmentEventType.SIGNED, "A", 2000L));
        // a report of a project never signed, in district B
        h.processElement(event("e2", "P2", "2024-01-20", InvestmentEventType.INVESTMENT_REPORTED, "B", 50L));
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(INTERVAL);
        assertThat(h.extractOutputValues()).map(ProjectTrackerHarnessTest::describe).containsExactlyInAnyOrder(
                "P1 A SIGNED GREEN ON_TRACK 2024-01-20", "P2 B null RED NOT_SIGNED 2024-01-20");
        ProjectProgressRow p1 = h.extractOutputValues().stream().filter(r -> r.projectId().equals("P1")).findFirst()
                .orElseThrow();
        assertThat(p1.major()).isTrue();
        assertThat(p1.signedAmount()).isEqualByComparingTo("2000.00");
        assertThat(p1.signedAt()).isEqualTo(at("2024-01-05"));
        assertThat(p1.investedShare()).isEqualTo(0.0);

        // 2024-02-10: P1 is 36 days signed and not started (RED); P2 is written again too, as the day moved
        h.processElement(event("e3", "P2", "2024-02-10", InvestmentEventType.INVESTMENT_REPORTED, "B", 25L));
        h.setProcessingTime(3 * INTERVAL);
        List<String> second = h.extractOutputValues().stream().skip(2).map(ProjectTrackerHarnessTest::describe)
                .toList();
        assertThat(second).containsExactlyInAnyOrder(
                "P1 A SIGNED RED NOT_STARTED_IN_TIME 2024-02-10", "P2 B null RED NOT_SIGNED 2024-02-10");

        // P1 starts on 2024-02-15 and reports 600 by 2024-03-06 (20 of 100 days, 30% invested: GREEN); the start
        // lifts February's NOT_STARTED_IN_TIME; then a day with nothing invested more: 2024-03-26 (40 days, 30%)
        h.processElement(event("e4", "P1", "2024-02-15", InvestmentEventType.STARTED, "A", null));
        h.processElement(event("e5", "P1", "2024-03-06", InvestmentEventType.INVESTMENT_REPORTED, "A", 600L));
        h.setProcessingTime(5 * INTERVAL);
        h.processElement(event("e6", "P2", "2024-03-26", InvestmentEventType.INVESTMENT_REPORTED, "B", 1L));
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        List<ProjectProgressRow> all = h.extractOutputValues();
        assertThat(all.subList(all.size() - 2, all.size())).map(ProjectTrackerHarnessTest::describe)
                .containsExactlyInAnyOrder("P1 A STARTED YELLOW INVESTMENT_BEHIND 2024-03-26",
                        "P2 B null RED NOT_SIGNED 2024-03-26");

        // the months, last written of each: January and February as of their last day, March as of the 26th (with lag
        // 0, a started project with nothing invested is behind from its first day)
        java.util.Map<String, String> months = new java.util.TreeMap<>();
        for (StreamRecord<ProjectMonthRow> m : h.getSideOutput(ProjectTracker.MONTH_ROWS)) {
            months.put(m.getValue().projectId() + " " + m.getValue().month(), describe(m.getValue()));
        }
        assertThat(months.values()).containsExactly(
                "P1 2024-1 SIGNED 0.00 ON_TRACK 2024-01-31",
                "P1 2024-2 STARTED 0.00 INVESTMENT_BEHIND 2024-02-29",
                "P1 2024-3 STARTED 600.00 INVESTMENT_BEHIND 2024-03-26",
                "P2 2024-1 null 50.00 NOT_SIGNED 2024-01-31",
                "P2 2024-2 null 75.00 NOT_SIGNED 2024-02-29",
                "P2 2024-3 null 76.00 NOT_SIGNED 2024-03-26");

        h.setProcessingTime(10 * INTERVAL); // the flush armed by the last event finds nothing new
        assertThat(h.extractOutputValues()).hasSize(all.size());
        assertThat(h.numProcessingTimeTimers()).as("processing-time timers left").isZero();
        assertThat(h.numEventTimeTimers()).as("event-time timers left").isZero();
        h.close();
    }

    @Test
    void aLateSigningGivesTheProjectItsDistrictAndAmount() throws Exception {
        var h = harness();
        h.processElement(event("e1", "P3", "2024-01-10", InvestmentEventType.INVESTMENT_REPORTED, "B", 10L));
        h.processElement(event("e0", "P3", "2024-01-02", InvestmentEventType.SIGNED, "A", 500L));
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        ProjectProgressRow row = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
        assertThat(describe(row)).isEqualTo("P3 A SIGNED GREEN ON_TRACK 2024-01-10");
        assertThat(row.major()).isFalse();
        assertThat(row.investedShare()).isEqualTo(10.0 / 500);
        h.close();
    }
}
