package io.beizeng.ingest;

import io.beizeng.testing.Amounts;
import io.beizeng.runtime.SeenIds;
import io.beizeng.runtime.SeenIdsSerializer;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Admitted;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.RejectReason;
import io.beizeng.model.SourceTopic;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Admitted<ProductionEvent> event(String id, long ts, long cents, long sourceWatermark) {
        return new Admitted<>(new ProductionEvent(id, "E1", ts, ProductionKind.OUTPUT, Amounts.of(cents, cents), null,
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

    /**
     * A steady stream of 1,000 new ids a day for 200 days, the watermark a day behind: no timers, every resend
     * within the horizon is a duplicate, and the checkpointed state stays near that of the ids of a horizon (it
     * would grow 25-fold if nothing were forgotten).
     */
    @Test
    void aSteadyStreamForgetsExpiredIdsWithoutTimersAndKeepsItsStateBounded() throws Exception {
        var h = harness();
        long stateOfAWeek = 0;
        for (int day = 0; day < 200; day++) {
            h.processWatermark(new Watermark(day * DAY - DAY));
            for (int i = 0; i < 1_000; i++) {
                long ts = day * DAY + i * (DAY / 1_000);
                h.processElement(new StreamRecord<>(event("p-" + day + "-" + i, ts, 100, day * DAY - DAY), ts));
            }
            if (day == 7) {
                stateOfAWeek = keyedStateBytes(h);
            }
        }
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.extractOutputValues()).hasSize(200_000);
        assertThat(keyedStateBytes(h)).isLessThan(4 * stateOfAWeek);
        // resends from the last week are remembered; one from 20 days ago has expired and passes again
        long watermark = 199 * DAY - DAY;
        for (int day = 193; day < 200; day++) {
            h.processElement(new StreamRecord<>(event("p-" + day + "-17", day * DAY + 17 * (DAY / 1_000), 100,
                    watermark), day * DAY));
        }
        h.processElement(new StreamRecord<>(event("p-180-5", 180 * DAY + 5 * (DAY / 1_000), 100, watermark),
                180 * DAY));
        assertThat(h.getSideOutput(IngestOutputs.AUDIT)).hasSize(7);
        assertThat(h.extractOutputValues()).hasSize(200_001);
    }

    /**
     * Builds up to 0e64037 wrote the ids as UTF-8 (an earlier snapshot version). A stand-in for such a build
     * keeps ids in the old format under the dedupe's state name; the dedupe restored from its snapshot still knows
     * them, and its own next snapshot (in the current format) restores too.
     */
    @Test
    void restoresTheStateOfBuildsThatWroteIdsAsUtf8() throws Exception {
        var old = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Utf8IdsBuild()),
                Deduplicator.<ProductionEvent>byEventIdBucket(), Types.INT);
        old.open();
        old.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        old.processElement(new StreamRecord<>(event("枣庄-1", 10 * DAY, 100, 0), 10 * DAY));
        OperatorSubtaskState oldState = old.snapshot(1, 1);
        old.close();

        var restored = restoredFrom(oldState);
        restored.processElement(new StreamRecord<>(event("a", 10 * DAY, 100, 0), 10 * DAY));
        restored.processElement(new StreamRecord<>(event("枣庄-1", 10 * DAY, 101, 0), 10 * DAY));
        restored.processElement(new StreamRecord<>(event("b", 10 * DAY, 100, 0), 10 * DAY));
        assertThat(restored.extractOutputValues()).extracting(ProductionEvent::eventId).containsExactly("b");
        assertThat(restored.getSideOutput(IngestOutputs.AUDIT)).hasSize(1);
        assertThat(restored.getSideOutput(IngestOutputs.REJECTED)).extracting(r -> r.getValue().reason())
                .containsExactly(RejectReason.DUPLICATE_CONFLICT);
        OperatorSubtaskState migrated = restored.snapshot(2, 2);
        restored.close();

        var again = restoredFrom(migrated);
        for (String id : new String[] {"a", "枣庄-1", "b"}) {
            again.processElement(new StreamRecord<>(event(id, 10 * DAY, 100, 0), 10 * DAY));
        }
        assertThat(again.extractOutputValues()).isEmpty();
        assertThat(again.getSideOutput(IngestOutputs.AUDIT)).hasSize(3);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Admitted<ProductionEvent>, ProductionEvent>
            restoredFrom(OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, 7 * DAY)),
                Deduplicator.<ProductionEvent>byEventIdBucket(), Types.INT);
        h.initializeState(state);
        h.open();
        return h;
    }

    /** Remembers each event's id as the dedupe does, in the state format of builds up to 0e64037. */
    private static final class Utf8IdsBuild
            extends KeyedProcessFunction<Integer, Admitted<ProductionEvent>, ProductionEvent> {
        private transient ValueState<SeenIds> seen;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-ids", SeenIdsSerializer.UTF8_IDS));
        }

        @Override
        public void processElement(Admitted<ProductionEvent> admitted, Context ctx, Collector<ProductionEvent> out)
                throws Exception {
            SeenIds ids = seen.value() == null ? new SeenIds() : seen.value();
            ids.put(admitted.event().eventId(), admitted.event().fingerprint(), admitted.event().ts() + 7 * DAY);
            seen.update(ids);
        }
    }

    private static long keyedStateBytes(KeyedOneInputStreamOperatorTestHarness<Integer, ?, ?> h) throws Exception {
        return h.snapshot(1, 1).getManagedKeyedState().stream()
                .mapToLong(org.apache.flink.runtime.state.StateObject::getStateSize).sum();
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
