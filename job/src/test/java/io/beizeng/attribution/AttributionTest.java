package io.beizeng.attribution;

import io.beizeng.config.Indicator;
import io.beizeng.testing.Amounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.ingest.IngestOutputs;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.Chain;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.EnterpriseEventType;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceTopic;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The temporal join in an operator harness: attribution as of event time, whatever the arrival order. */
class AttributionTest {
    private static long ts(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    private static ProductionEvent output(String id, String at, long cents) {
        return new ProductionEvent(id, "E1", ts(at), ProductionKind.OUTPUT, Amounts.of(cents, cents), null,
                new Origin(SourceTopic.PRODUCTION, "0:" + id, id.getBytes()));
    }

    private static EnterpriseEvent registry(String id, String at, EnterpriseEventType type, String district) {
        return new EnterpriseEvent(id, "E1", ts(at), type, null, district, null,
                type == EnterpriseEventType.REGISTERED ? Chain.NEW_MATERIALS : null, null, null,
                new Origin(SourceTopic.ENTERPRISE, "0:" + id, id.getBytes()));
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ProductionEvent, EnterpriseEvent, AttributedOutput>
            harness() throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new Attribution.Operator(new Attribution(io.beizeng.testing.TestPlans.zaozhuang())),
                ProductionEvent::enterpriseId, EnterpriseEvent::enterpriseId, Types.STRING);
        h.open();
        return h;
    }

    /** Feeds both streams in the given interleaving, then the final watermark; returns eventId → district. */
    private static Map<String, String> run(List<Object> arrivals) throws Exception {
        var h = harness();
        for (Object o : arrivals) {
            if (o instanceof ProductionEvent p) {
                h.processElement1(new StreamRecord<>(p, p.ts()));
            } else {
                EnterpriseEvent e = (EnterpriseEvent) o;
                h.processElement2(new StreamRecord<>(e, e.ts()));
            }
        }
        h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        Map<String, String> byTs = new TreeMap<>();
        for (AttributedOutput a : h.extractOutputValues()) {
            byTs.put(String.valueOf(a.ts()) + "/" + a.amounts()[Indicator.OUTPUT_VALUE.slot()], a.districtCode());
        }
        return byTs;
    }

    @Test
    void anEnterpriseThatMovesCountsForEachDistrictAsOfEventTimeInAnyInterleaving() throws Exception {
        List<Object> events = new ArrayList<>(List.of(
                registry("r1", "2020-01-01T00:00:00+08:00", EnterpriseEventType.REGISTERED, "370402"),
                registry("r2", "2024-07-01T00:00:00+08:00", EnterpriseEventType.UPDATED, "370481"),
                output("p1", "2024-06-30T23:59:59+08:00", 100),
                output("p2", "2024-07-01T00:00:00+08:00", 200),
                output("p3", "2024-08-15T12:00:00+08:00", 300)));
        Map<String, String> expected = Map.of(
                ts("2024-06-30T23:59:59+08:00") + "/100", "370402",
                ts("2024-07-01T00:00:00+08:00") + "/200", "370481",
                ts("2024-08-15T12:00:00+08:00") + "/300", "370481");
        Random random = new Random(3);
        for (int round = 0; round < 25; round++) {
            Collections.shuffle(events, random);
            assertThat(run(events)).as("interleaving %s", events.stream()
                    .map(o -> o instanceof ProductionEvent p ? p.eventId() : ((EnterpriseEvent) o).eventId())
                    .collect(Collectors.joining(","))).isEqualTo(expected);
        }
    }

    @Test
    void productionBeforeRegistrationIsRejectedOnceTheWatermarkPasses() throws Exception {
        var h = harness();
        h.processElement1(new StreamRecord<>(output("p1", "2024-03-01T00:00:00+08:00", 5), ts("2024-03-01T00:00:00+08:00")));
        h.processElement2(new StreamRecord<>(registry("r1", "2024-03-02T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "370402"), ts("2024-03-02T00:00:00+08:00")));
        h.processWatermark1(new Watermark(ts("2024-03-05T00:00:00+08:00")));
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).as("held until both watermarks pass").isNull();
        h.processWatermark2(new Watermark(ts("2024-03-05T00:00:00+08:00")));
        List<RejectedRecord> rejected = h.getSideOutput(IngestOutputs.REJECTED).stream().map(StreamRecord::getValue).toList();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).reason()).isEqualTo(RejectReason.UNKNOWN_ENTERPRISE);
        assertThat(rejected.get(0).detail()).contains("E1").contains("registered only from");
        assertThat(rejected.get(0).position()).isEqualTo("0:p1");
        assertThat(h.extractOutputValues()).isEmpty();
        // one accepted registry change, no accepted production
        assertThat(h.getSideOutput(IngestOutputs.AUDIT).stream().map(StreamRecord::getValue).toList())
                .containsExactly(AuditDelta.accepted(SourceTopic.ENTERPRISE));
    }

    @Test
    void aLateProductionEventIsAttributedAtOnceFromTheHistory() throws Exception {
        var h = harness();
        h.processElement2(new StreamRecord<>(registry("r1", "2020-01-01T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "370402"), ts("2020-01-01T00:00:00+08:00")));
        h.processElement2(new StreamRecord<>(registry("r2", "2024-07-01T00:00:00+08:00",
                EnterpriseEventType.UPDATED, "370403"), ts("2024-07-01T00:00:00+08:00")));
        h.processBothWatermarks(new Watermark(ts("2024-09-01T00:00:00+08:00")));
        h.processElement1(new StreamRecord<>(output("p1", "2024-06-15T00:00:00+08:00", 7), ts("2024-06-15T00:00:00+08:00")));
        assertThat(h.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(a.districtCode()).isEqualTo("370402"));
    }

    @Test
    void aChangeOfOtherTypesLeavesTheProfileAlone() throws Exception {
        var h = harness();
        h.processElement2(new StreamRecord<>(registry("r1", "2020-01-01T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "370402"), 0L));
        h.processElement2(new StreamRecord<>(registry("r2", "2021-01-01T00:00:00+08:00",
                EnterpriseEventType.CLOSED, null), 0L));
        h.processElement1(new StreamRecord<>(output("p1", "2022-01-01T00:00:00+08:00", 7), 0L));
        h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(a.districtCode()).isEqualTo("370402"));
    }

    @Test
    void monthEndStocksFollowTheEnterpriseAcrossAMove() throws Exception {
        var h = harness();
        for (EnterpriseEvent e : List.of(
                registry("r1", "2024-01-10T00:00:00+08:00", EnterpriseEventType.REGISTERED, "370402"),
                registry("r2", "2024-01-10T01:00:00+08:00", EnterpriseEventType.ABOVE_SCALE_ENTERED, null),
                registry("r3", "2024-03-31T23:59:59+08:00", EnterpriseEventType.UPDATED, "370481"),
                registry("r4", "2024-05-01T00:00:00+08:00", EnterpriseEventType.CLOSED, null))) {
            h.processElement2(new StreamRecord<>(e, e.ts()));
        }
        h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        List<String> changes = h.getSideOutput(Attribution.STOCK_CHANGES).stream().map(StreamRecord::getValue)
                .map(t -> t.indicator() + " " + t.cell().region() + " " + t.year() + "-" + t.monthOfYear() + " "
                        + t.value().toPlainString())
                .toList();
        assertThat(changes).containsExactly(
                "ABOVE_SCALE_ENTERPRISES 370402 2024-1 1.00",
                "ABOVE_SCALE_ENTERPRISES 370402 2024-3 -1.00",
                "ABOVE_SCALE_ENTERPRISES 370481 2024-3 1.00",
                "ABOVE_SCALE_ENTERPRISES 370481 2024-5 -1.00");
    }

    /**
     * A late production event in a month whose end was already counted must not count that month end again: the
     * stock changes are deltas since the last month end counted, so a second look at an old month would add them
     * twice (a district briefly at 2 above-scale enterprises, another at -1).
     */
    @Test
    void aLateProductionEventLeavesTheCountedMonthEndStocksAlone() throws Exception {
        var h = harness();
        for (EnterpriseEvent e : List.of(
                registry("r1", "2024-01-10T00:00:00+08:00", EnterpriseEventType.REGISTERED, "370402"),
                registry("r2", "2024-01-10T01:00:00+08:00", EnterpriseEventType.ABOVE_SCALE_ENTERED, null),
                registry("r3", "2024-03-31T23:59:59+08:00", EnterpriseEventType.UPDATED, "370481"))) {
            h.processElement2(new StreamRecord<>(e, e.ts()));
        }
        h.processElement1(new StreamRecord<>(output("p1", "2024-01-20T00:00:00+08:00", 5), 0L));
        h.processBothWatermarks(new Watermark(ts("2024-06-15T00:00:00+08:00")));
        h.processElement1(new StreamRecord<>(output("p2", "2024-02-10T00:00:00+08:00", 7), 0L));
        h.processBothWatermarks(new Watermark(ts("2024-06-20T00:00:00+08:00")));
        h.processBothWatermarks(new Watermark(ts("2024-07-15T00:00:00+08:00")));

        // as of each month end, the district the enterprise was registered in counts it once, the other one not
        Map<String, Integer> stock = new TreeMap<>();
        for (var change : h.getSideOutput(Attribution.STOCK_CHANGES).stream().map(StreamRecord::getValue).toList()) {
            for (int month = change.monthOfYear(); month <= 6; month++) {
                stock.merge(change.cell().region() + " 2024-" + month, change.value().intValueExact(), Integer::sum);
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        for (int month = 1; month <= 6; month++) {
            expected.put("370402 2024-" + month, month <= 2 ? 1 : 0);
            expected.put("370481 2024-" + month, month <= 2 ? 0 : 1);
        }
        stock.keySet().retainAll(expected.keySet());
        expected.values().removeIf(v -> v == 0);
        stock.values().removeIf(v -> v == 0);
        assertThat(stock).isEqualTo(expected);
        assertThat(h.extractOutputValues()).hasSize(2);
    }

    /**
     * Events ahead of the watermark share one timer, at the earliest of them; when the watermark passes some of them
     * they are attributed in event-time order, however they arrived, and the rest keep waiting.
     */
    @Test
    void eventsAheadOfTheWatermarkShareOneTimerAndLeaveInEventTimeOrder() throws Exception {
        var h = harness();
        h.processElement2(new StreamRecord<>(registry("r1", "2024-01-01T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "370402"), 0L));
        h.processBothWatermarks(new Watermark(ts("2024-01-30T00:00:00+08:00")));
        int timersBefore = h.numEventTimeTimers();
        List<ProductionEvent> inOrder = new ArrayList<>();
        for (int hour = 0; hour < 100; hour++) {
            inOrder.add(output("p" + hour, String.format("2024-01-31T%02d:%02d:00+08:00", hour / 6, hour % 6 * 10),
                    hour + 1));
        }
        for (ProductionEvent p : inOrder) {
            h.processElement1(new StreamRecord<>(p, p.ts()));
        }
        assertThat(h.numEventTimeTimers() - timersBefore).as("one timer for 100 waiting events").isEqualTo(1);

        var shuffled = harness();
        shuffled.processElement2(new StreamRecord<>(registry("r1", "2024-01-01T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "370402"), 0L));
        shuffled.processBothWatermarks(new Watermark(ts("2024-01-30T00:00:00+08:00")));
        List<ProductionEvent> arrivals = new ArrayList<>(inOrder);
        Collections.shuffle(arrivals, new Random(11));
        for (ProductionEvent p : arrivals) {
            shuffled.processElement1(new StreamRecord<>(p, p.ts()));
        }
        long half = inOrder.get(49).ts();
        shuffled.processBothWatermarks(new Watermark(half));
        assertThat(shuffled.extractOutputValues()).extracting(AttributedOutput::ts)
                .as("the 50 events the watermark passed, in event-time order")
                .containsExactlyElementsOf(inOrder.subList(0, 50).stream().map(ProductionEvent::ts).toList());
        shuffled.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        assertThat(shuffled.extractOutputValues()).extracting(AttributedOutput::ts)
                .containsExactlyElementsOf(inOrder.stream().map(ProductionEvent::ts).toList());
    }

    /**
     * Once the registry stream's watermark is ahead (a replay: the registry is read first), production is attributed
     * on arrival, without waiting state or timers, and in arrival order: an enterprise's events from two readers of
     * a file can come months apart. Reporting days are still counted once each, in any order.
     */
    @Test
    void withTheRegistryAheadProductionIsAttributedOnArrivalAndEachDayCountsOnce() throws Exception {
        var h = harness();
        h.processElement2(new StreamRecord<>(registry("r1", "2023-01-01T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "370402"), 0L));
        h.processElement2(new StreamRecord<>(registry("r2", "2024-03-01T00:00:00+08:00",
                EnterpriseEventType.UPDATED, "370481"), 0L));
        h.processWatermark2(new Watermark(Long.MAX_VALUE));
        int timersBefore = h.numEventTimeTimers();

        Random random = new Random(5);
        List<ProductionEvent> arrivals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // days of eight months, several reports on some days
            arrivals.add(output("p" + i, String.format("2024-%02d-%02dT%02d:00:00+08:00", 1 + random.nextInt(8),
                    1 + random.nextInt(28), random.nextInt(24)), i + 1));
        }
        Collections.shuffle(arrivals, random);
        java.time.ZoneId zone = io.beizeng.testing.TestPlans.zaozhuang().timezone();
        java.util.Set<java.time.LocalDate> daysSeen = new java.util.HashSet<>();
        List<Boolean> firstExpected = new ArrayList<>();
        for (ProductionEvent p : arrivals) {
            h.processElement1(new StreamRecord<>(p, p.ts()));
            firstExpected.add(daysSeen.add(java.time.Instant.ofEpochMilli(p.ts()).atZone(zone).toLocalDate()));
        }
        List<AttributedOutput> out = h.extractOutputValues();
        assertThat(out).as("attributed on arrival, in arrival order").extracting(AttributedOutput::ts)
                .containsExactlyElementsOf(arrivals.stream().map(ProductionEvent::ts).toList());
        assertThat(out).extracting(AttributedOutput::firstReportOfDayInTown).containsExactlyElementsOf(firstExpected);
        assertThat(out).extracting(AttributedOutput::districtCode).containsExactlyElementsOf(arrivals.stream()
                .map(p -> p.ts() < ts("2024-03-01T00:00:00+08:00") ? "370402" : "370481").toList());
        // no waiting timers: only the month-end timers of the eight months reported
        assertThat(h.numEventTimeTimers() - timersBefore).isLessThanOrEqualTo(8);
    }

    private static EnterpriseEvent townChange(String id, String at, EnterpriseEventType type, String town) {
        return new EnterpriseEvent(id, "E1", ts(at), type, null, type == EnterpriseEventType.REGISTERED ? "370402" : null,
                town, type == EnterpriseEventType.REGISTERED ? Chain.NEW_MATERIALS : null, null, null,
                new Origin(SourceTopic.ENTERPRISE, "0:" + id, id.getBytes()));
    }

    /**
     * An enterprise that moves to another town at noon and reports before and after counts once in each town that
     * day, whatever the order its reports arrive in; on the days around it, once a day in its town.
     */
    @Test
    void anEnterpriseMovingTownMidDayCountsOnceInEachTownThatDay() throws Exception {
        List<String> times = List.of("2024-03-13T10:00", "2024-03-14T09:00", "2024-03-14T11:00", "2024-03-14T15:00",
                "2024-03-14T16:00", "2024-03-15T10:00");
        for (long seed = 0; seed < 6; seed++) {
            var h = harness();
            h.processElement2(new StreamRecord<>(townChange("r1", "2023-01-01T00:00:00+08:00",
                    EnterpriseEventType.REGISTERED, "T-A"), 0L));
            h.processElement2(new StreamRecord<>(townChange("r2", "2024-03-14T12:00:00+08:00",
                    EnterpriseEventType.UPDATED, "T-B"), 0L));
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            List<ProductionEvent> arrivals = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                arrivals.add(output("p" + i, times.get(i) + ":00+08:00", 100 + i));
            }
            Collections.shuffle(arrivals, new Random(seed));
            for (ProductionEvent p : arrivals) {
                h.processElement1(new StreamRecord<>(p, p.ts()));
            }
            Map<String, Integer> reporters = new TreeMap<>();
            for (AttributedOutput a : h.extractOutputValues()) {
                String day = java.time.Instant.ofEpochMilli(a.ts()).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                        .toLocalDate().toString();
                reporters.merge(a.townCode() + " " + day, a.firstReportOfDayInTown() ? 1 : 0, Integer::sum);
            }
            assertThat(reporters).as("arrival order %s", seed).isEqualTo(Map.of("T-A 2024-03-13", 1,
                    "T-A 2024-03-14", 1, "T-B 2024-03-14", 1, "T-B 2024-03-15", 1));
        }
    }

    /**
     * A town change that arrives after reports of its day were counted (a registry change behind the watermark):
     * the reports counted before it were from the town valid when the day began, which is not counted again.
     */
    @Test
    void aLateTownChangeDoesNotCountTheDaysFirstTownAgain() throws Exception {
        var h = harness();
        h.processElement2(new StreamRecord<>(townChange("r1", "2023-01-01T00:00:00+08:00",
                EnterpriseEventType.REGISTERED, "T-A"), 0L));
        h.processWatermark2(new Watermark(Long.MAX_VALUE));
        h.processElement1(new StreamRecord<>(output("p1", "2024-03-14T09:00:00+08:00", 1), 0L));
        h.processElement2(new StreamRecord<>(townChange("r2", "2024-03-14T12:00:00+08:00",
                EnterpriseEventType.UPDATED, "T-B"), 0L));
        h.processElement1(new StreamRecord<>(output("p2", "2024-03-14T10:00:00+08:00", 2), 0L));
        h.processElement1(new StreamRecord<>(output("p3", "2024-03-14T15:00:00+08:00", 3), 0L));
        assertThat(h.extractOutputValues()).extracting(a -> a.townCode() + " " + a.firstReportOfDayInTown())
                .containsExactly("T-A true", "T-A false", "T-B true");
    }
}
