package io.beizeng.bench;

import io.beizeng.ingest.Deduplicator;
import io.beizeng.runtime.SeenIds;
import io.beizeng.model.Admitted;
import io.beizeng.model.ProductionEvent;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The production dedupe's table work alone, in one thread: the ids one dedupe subtask (of two) sees in an hourly
 * replay, each looked up in its bucket's {@link SeenIds} and added when new, with the dedupe's horizon and a
 * watermark some hours behind the ids (one partition's reader runs ahead of the other's). No Flink, no Kafka, no
 * shuffle: what {@code bench/run} cannot resolve, a change of a few per cent in the table, shows here. Run by
 * {@link DedupeTableBenchmark} in a child JVM per round.
 */
final class DedupeTableLoop {
    /** The line a child prints its figure on. */
    static final String PREFIX = "DEDUPE-TABLE ";
    private static final long HOUR = 3_600_000L;
    /** The job's default dedupe horizon. */
    private static final long HORIZON = 7 * 24 * HOUR;
    /** Flink's default maximum parallelism for a job of parallelism 2, which spreads the buckets' key groups. */
    private static final int MAX_PARALLELISM = 128;

    /**
     * @param nanosPerId time per id offered, the median of the passes after the first (which warms the JIT)
     * @param offered ids offered to the tables per pass, duplicates included
     * @param remembered ids the tables held at the end of the last pass
     */
    record Result(double nanosPerId, long offered, long remembered) {}

    private DedupeTableLoop() {}

    /** Arguments: enterprises, days, lag in hours, passes. Prints one {@link #PREFIX} line. */
    public static void main(String[] args) throws Exception {
        Result r = run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
        System.out.println(PREFIX + r.nanosPerId() + " " + r.offered() + " " + r.remembered());
    }

    /**
     * Offers one id per enterprise and hour over {@code days}, every 200th again an hour later (a duplicate, as the
     * generator's 0.5 %), to the tables of subtask 0 of 2, in fresh tables each pass; the first pass warms the JIT.
     * Checks that every id of the last day is still remembered.
     */
    static Result run(int enterprises, int days, int lagHours, int passes) throws Exception {
        int hours = days * 24;
        KeySelector<Admitted<ProductionEvent>, Integer> bucketOf = Deduplicator.byEventIdBucket();
        // the ids of subtask 0, in order of event time, with their event times and buckets
        String[] ids = new String[hours * enterprises * 11 / 20 + 16];
        long[] times = new long[ids.length];
        int[] buckets = new int[ids.length];
        int n = 0;
        for (int h = 0; h < hours; h++) {
            for (int e = 0; e < enterprises; e++) {
                int resentFrom = (e + h) % 200 == 0 && h > 0 ? h - 1 : -1;
                for (int hour : resentFrom < 0 ? new int[] {h} : new int[] {h, resentFrom}) {
                    String id = "p-" + e + "-" + hour;
                    long ts = hour * HOUR;
                    int bucket = bucketOf.getKey(new Admitted<>(
                            new ProductionEvent(id, "E" + e, ts, null, new long[2], null, null), Long.MIN_VALUE));
                    if (KeyGroupRangeAssignment.assignKeyToParallelOperator(bucket, MAX_PARALLELISM, 2) != 0) {
                        continue;
                    }
                    if (n == ids.length) {
                        ids = java.util.Arrays.copyOf(ids, 2 * n);
                        times = java.util.Arrays.copyOf(times, 2 * n);
                        buckets = java.util.Arrays.copyOf(buckets, 2 * n);
                    }
                    ids[n] = id;
                    times[n] = ts;
                    buckets[n] = bucket;
                    n++;
                }
            }
        }
        double[] nanosPerId = new double[passes];
        SeenIds[] tables = null;
        long found = 0;
        for (int pass = 0; pass < passes; pass++) {
            tables = new SeenIds[1 << 10];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SeenIds table = tables[buckets[i]];
                if (table == null) {
                    table = new SeenIds();
                    tables[buckets[i]] = table;
                }
                // the dedupe's order of work: look the id up, and add it when it is new
                if (table.find(ids[i]) < 0) {
                    table.add(ids[i], i, times[i] + HORIZON, times[i] - lagHours * HOUR);
                } else {
                    found++;
                }
            }
            nanosPerId[pass] = (System.nanoTime() - start) / (double) n;
        }
        double[] timed = java.util.Arrays.copyOfRange(nanosPerId, passes > 1 ? 1 : 0, passes);
        java.util.Arrays.sort(timed);
        long remembered = 0;
        for (SeenIds t : tables) {
            remembered += t == null ? 0 : t.size();
        }
        for (int i = n - 1; i >= 0 && times[i] >= (hours - 24) * HOUR; i--) {
            if (tables[buckets[i]].find(ids[i]) < 0) {
                throw new IllegalStateException("the table forgot " + ids[i] + ", which has not expired");
            }
        }
        if (found == 0) {
            throw new IllegalStateException("no duplicate was found");
        }
        return new Result(Benchmark.median(timed), n, remembered);
    }
}
