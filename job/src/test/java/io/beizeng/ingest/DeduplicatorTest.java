package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Admitted;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.RejectReason;
import io.beizeng.model.SourceTopic;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Admitted<ProductionEvent> event(String id, long ts, long cents, long sourceWatermark) {
        return new Admitted<>(new ProductionEvent(id, "E1", ts, ProductionKind.OUTPUT, cents, cents, null,
                new Origin(SourceTopic.PRODUCTION, "0:" + ts + cents, new byte[0])), sourceWatermark);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Admitted<ProductionEvent>, ProductionEvent> harness()
            throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, 7 * DAY),
                Deduplicator.<ProductionEvent>byEventIdBucket(), Types.INT);
        h.open();
        return h;
    }

    @Test
    void duplicatesAreCountedConflictsRejected() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 101, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("b", 10 * DAY, 100, 0), 10 * DAY));
        assertThat(h.extractOutputValues()).extracting(ProductionEvent::eventId).containsExactly("a", "b");
        assertThat(h.getSideOutput(IngestOutputs.AUDIT)).extracting(StreamRecord::getValue)
                .containsExactly(AuditDelta.duplicate(SourceTopic.PRODUCTION));
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().reason())
                .containsExactly(RejectReason.DUPLICATE_CONFLICT);
    }

    @Test
    void anIdExpiresAtTheHorizonOfItsSourcesWatermark() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        // this operator's own watermark has not moved, but the resend's source is past 10 + 7 days
        h.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 17 * DAY), 10 * DAY));
        assertThat(h.extractOutputValues()).hasSize(2);
        // just inside the horizon: a duplicate
        h.processElement(new StreamRecord<>(event("c", 10 * DAY, 100, 0), 10 * DAY));
        h.processElement(new StreamRecord<>(event("c", 10 * DAY, 100, 17 * DAY - 1), 10 * DAY));
        assertThat(h.extractOutputValues()).hasSize(3);
        // state is dropped by the watermark
        h.processWatermark(new Watermark(40 * DAY));
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void anEventFromAPartitionThatWasIdleIsLateAtTheJobsWatermark() throws Exception {
        io.beizeng.model.MonthCalendar calendar = new io.beizeng.model.MonthCalendar(java.time.ZoneId.of("UTC"));
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, 7 * DAY, calendar, 35 * DAY),
                Deduplicator.<ProductionEvent>byEventIdBucket(), Types.INT);
        h.open();
        // the job's watermark is in May 1970; the idle partition's own watermark (carried) is still at the start
        h.processWatermark(new Watermark(130 * DAY));
        h.processElement(new StreamRecord<>(event("old", 10 * DAY, 100, Long.MIN_VALUE), 10 * DAY));
        h.processElement(new StreamRecord<>(event("recent", 110 * DAY, 100, Long.MIN_VALUE), 110 * DAY));
        assertThat(h.extractOutputValues()).extracting(ProductionEvent::eventId).containsExactly("recent");
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().reason())
                .containsExactly(RejectReason.LATE);
        assertThat(h.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().detail())
                .allSatisfy(d -> assertThat(d).contains("idle"));
    }

    @Test
    void aBucketForgetsItsExpiredIdsInOneSweepAndKeepsTheOthers() throws Exception {
        var h = harness();
        // 3,000 ids over 30 days: about three per bucket, each remembered for 7 days
        for (int i = 0; i < 3_000; i++) {
            long ts = i * (30 * DAY / 3_000);
            h.processElement(new StreamRecord<>(event("id-" + i, ts, 100, 0), ts));
        }
        assertThat(h.extractOutputValues()).hasSize(3_000);
        // one sweep timer per bucket and half horizon, not one per id
        assertThat(h.numEventTimeTimers()).isLessThanOrEqualTo(Deduplicator.BUCKETS * (30 / 3 + 2));
        h.processWatermark(new Watermark(20 * DAY));
        // sweeps are at most half a horizon late: ids expired by 20 - 3.5 days are gone, those unexpired are kept
        int kept = 0;
        for (int i = 0; i < 3_000; i++) {
            long ts = i * (30 * DAY / 3_000);
            long expires = ts + 7 * DAY;
            var resend = event("id-" + i, ts, 100, 0);
            int before = h.extractOutputValues().size();
            int duplicatesBefore = h.getSideOutput(IngestOutputs.AUDIT) == null ? 0
                    : h.getSideOutput(IngestOutputs.AUDIT).size();
            h.processElement(new StreamRecord<>(resend, ts));
            boolean remembered = h.getSideOutput(IngestOutputs.AUDIT) != null
                    && h.getSideOutput(IngestOutputs.AUDIT).size() > duplicatesBefore;
            if (expires > 20 * DAY) {
                assertThat(remembered).as("id-" + i + " is unexpired at the watermark").isTrue();
                kept++;
            } else if (expires <= 20 * DAY - 7 * DAY / 2) {
                assertThat(remembered).as("id-" + i + " was swept").isFalse();
                assertThat(h.extractOutputValues()).hasSize(before + 1);
            }
        }
        assertThat(kept).isGreaterThan(1_000);
    }

    @Test
    void eachBucketSweepsAtItsOwnOffsetAtOrAfterTheExpiry() {
        var dedupe = new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, 7 * DAY);
        long interval = 7 * DAY / 2;
        for (int bucket : new int[] {0, 1, 511, 1023}) {
            for (long expires : new long[] {0, 1, interval - 1, interval, 5 * interval + 17, -3 * DAY}) {
                long sweep = dedupe.sweepAfter(expires, bucket);
                assertThat(sweep).isGreaterThanOrEqualTo(expires).isLessThan(expires + interval);
                assertThat(Math.floorMod(sweep, interval)).isEqualTo(interval / Deduplicator.BUCKETS * bucket);
            }
        }
        assertThat(dedupe.sweepAfter(Long.MAX_VALUE, 7)).isEqualTo(Long.MAX_VALUE);
        assertThat(dedupe.sweepAfter(Long.MAX_VALUE - 1, 1023)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void idsNumberedInSequenceSpreadOverTheBucketsAndWithinThem() {
        int[] perBucket = new int[Deduplicator.BUCKETS];
        java.util.Map<Integer, java.util.Set<Integer>> slots = new java.util.HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String id = "p-7-" + i;
            int bucket = Deduplicator.bucketOf(id);
            perBucket[bucket]++;
            // the slot of a 64-slot java.util.HashMap
            int h = id.hashCode();
            slots.computeIfAbsent(bucket, b -> new java.util.HashSet<>()).add((h ^ (h >>> 16)) & 63);
        }
        // about 98 each: none empty or more than twice as full as the mean
        assertThat(java.util.Arrays.stream(perBucket).min().orElseThrow()).isPositive();
        assertThat(java.util.Arrays.stream(perBucket).max().orElseThrow()).isLessThan(2 * 100_000 / Deduplicator.BUCKETS);
        // within a bucket the ids use most slots of a table, rather than one (the low bits of the hash vary)
        assertThat(slots.values().stream().mapToInt(java.util.Set::size).min().orElseThrow()).isGreaterThan(32);
    }
}
