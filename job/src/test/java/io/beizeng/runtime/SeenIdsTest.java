package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dedupe's id table against a HashMap, over random puts, lookups, expiries and copies. */
class SeenIdsTest {
    private record Remembered(long fingerprint, long expiresAt) {}

    @Test
    void behavesLikeAMapOfIdsUnderRandomOperations() {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            int idRange = 1 + random.nextInt(3000);
            // ids of both of the table's forms: a byte per character, and two
            checkAgainstAMap(random, () -> (random.nextBoolean() ? "e-" : "事件-") + random.nextInt(idRange));
        }
    }

    /**
     * Ids in families that share one hash code ("Aa" and "BB" hash alike), so that long runs form, wrap around the
     * table's end and are cut by deletions: what the in-place deletion has to get right.
     */
    @Test
    void behavesLikeAMapOfIdsWhoseHashesCollide() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            int families = 1 + random.nextInt(12);
            checkAgainstAMap(random, () -> {
                StringBuilder id = new StringBuilder("f").append(random.nextInt(families)).append('-');
                for (int block = 0; block < 5; block++) {
                    id.append(random.nextBoolean() ? "Aa" : "BB");
                }
                return id.toString();
            });
        }
    }

    private static void checkAgainstAMap(Random random, java.util.function.Supplier<String> ids) {
        SeenIds seen = new SeenIds();
        Map<String, Remembered> reference = new HashMap<>();
        long time = 0;
        for (int op = 0; op < 5000; op++) {
            String id = ids.get();
            int kind = random.nextInt(100);
            if (kind < 60) {
                long fingerprint = random.nextLong();
                long expires = time + random.nextInt(1000);
                seen.put(id, fingerprint, expires);
                reference.put(id, new Remembered(fingerprint, expires));
            } else if (kind < 95) {
                int slot = seen.find(id);
                Remembered expected = reference.get(id);
                if (expected == null) {
                    assertThat(slot).as(id).isNegative();
                } else {
                    assertThat(slot).as(id).isNotNegative();
                    assertThat(seen.fingerprintAt(slot)).isEqualTo(expected.fingerprint());
                    assertThat(seen.expiresAt(slot)).isEqualTo(expected.expiresAt());
                }
            } else {
                time += random.nextInt(300);
                int expected = 0;
                for (Iterator<Remembered> it = reference.values().iterator(); it.hasNext(); ) {
                    if (it.next().expiresAt() <= time) {
                        it.remove();
                        expected++;
                    }
                }
                assertThat(seen.removeExpired(time)).isEqualTo(expected);
            }
            assertThat(seen.size()).isEqualTo(reference.size());
        }
        for (Map.Entry<String, Remembered> e : reference.entrySet()) {
            int slot = seen.find(e.getKey());
            assertThat(slot).isNotNegative();
            assertThat(seen.expiresAt(slot)).isEqualTo(e.getValue().expiresAt());
        }
    }

    /**
     * Ids added with a moving "now" (a watermark behind the ids' own times), resent at random: an id unexpired at
     * the latest now is always found with its values; an expired one may have been forgotten to make room, but if
     * found, its values are right.
     */
    @Test
    void forgetsOnlyExpiredIdsToMakeRoom() {
        Random random = new Random(17);
        for (int round = 0; round < 20; round++) {
            SeenIds seen = new SeenIds();
            Map<String, Remembered> reference = new HashMap<>();
            long now = Long.MIN_VALUE;
            int forgotten = 0;
            for (int i = 0; i < 20_000; i++) {
                long ts = i + random.nextInt(200);
                now = Math.max(now, i - 300 - random.nextInt(100));
                String id = "e-" + (random.nextInt(10) == 0 ? random.nextInt(i + 1) : i);
                int slot = seen.find(id);
                Remembered expected = reference.get(id);
                if (expected == null) {
                    assertThat(slot).as(id).isNegative();
                } else if (slot >= 0) {
                    assertThat(seen.fingerprintAt(slot)).isEqualTo(expected.fingerprint());
                    assertThat(seen.expiresAt(slot)).isEqualTo(expected.expiresAt());
                } else {
                    assertThat(expected.expiresAt()).as(id + " was forgotten unexpired").isLessThanOrEqualTo(now);
                    forgotten++;
                }
                long fingerprint = random.nextLong();
                if (slot >= 0) {
                    seen.renew(slot, fingerprint, ts + 500);
                } else {
                    seen.add(id, fingerprint, ts + 500, now);
                }
                reference.put(id, new Remembered(fingerprint, ts + 500));
            }
            assertThat(forgotten).isPositive();
        }
    }

    /**
     * A steady stream: 1,000 ids per unit of time, each unexpired for 7 units, the "now" one unit behind. The table
     * never holds more than four times the unexpired ids, nor grows past eight times, where remembering every id
     * would take 200,000; its arena of id bytes gives back the bytes of forgotten ids.
     */
    @Test
    void aSteadyStreamKeepsTheTableWithinAFewTimesItsUnexpiredIds() {
        SeenIds seen = new SeenIds();
        int perUnit = 1_000;
        int unexpiredAtMost = 8 * perUnit;
        int idBytes = WireStrings.size(WireStrings.header("p-" + 200 * perUnit));
        for (int i = 0; i < 200 * perUnit; i++) {
            long time = i / perUnit;
            seen.add("p-" + i, i, time + 7, time - 1);
            assertThat(seen.size()).isLessThanOrEqualTo(4 * unexpiredAtMost);
            assertThat(seen.capacity()).isLessThanOrEqualTo(8 * unexpiredAtMost);
            // the ids' bytes: of forgotten ids too, until the arena fills, but never of more than twice those held
            assertThat(seen.arenaCapacity()).isLessThanOrEqualTo(2 * (4 * unexpiredAtMost + 1) * idBytes);
        }
        for (int i = 193 * perUnit; i < 200 * perUnit; i++) {
            assertThat(seen.find("p-" + i)).as("p-" + i).isNotNegative();
        }
    }

    /**
     * The same stream, with the table grown: it forgets ids as fast as they expire, a few slots per id added, and
     * never finds itself full again (a purge of the whole table, in every bucket at once, stalled the dedupe).
     */
    @Test
    void aSteadyStreamIsSweptAsItGoesWithoutPurgingTheWholeTable() {
        SeenIds seen = new SeenIds();
        int perUnit = 1_000;
        int purgesWhenGrown = -1;
        for (int i = 0; i < 200 * perUnit; i++) {
            long time = i / perUnit;
            seen.add("p-" + i, i, time + 7, time - 1);
            if (i == 20 * perUnit) {
                purgesWhenGrown = seen.purges();
            }
            if (i > 20 * perUnit) {
                // the 8,000 unexpired, and what expired within the last sweep of the table (a sweep every few ids)
                assertThat(seen.size())
                        .isLessThanOrEqualTo(8 * perUnit + seen.capacity() / SeenIds.SWEEP_SLOTS + perUnit);
            }
        }
        assertThat(seen.purges()).isEqualTo(purgesWhenGrown);
        for (int i = 193 * perUnit; i < 200 * perUnit; i++) {
            assertThat(seen.find("p-" + i)).as("p-" + i).isNotNegative();
        }
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        SeenIds original = new SeenIds();
        for (int i = 0; i < 100; i++) {
            original.put("id-" + i, i, 1000 + i);
        }
        SeenIds copy = original.copy();
        assertThat(copy).isEqualTo(original);
        copy.put("id-0", 7, 7);
        copy.put("new", 1, 1);
        copy.removeExpired(1049);
        original.put("id-99", -1, -1);
        assertThat(original.size()).isEqualTo(100);
        assertThat(original.fingerprintAt(original.find("id-0"))).isZero();
        assertThat(original.find("new")).isNegative();
        assertThat(copy.size()).isEqualTo(50);
        assertThat(copy.expiresAt(copy.find("id-99"))).isEqualTo(1099);
    }

    @Test
    void equalityIgnoresTheTablesLayout() {
        SeenIds grown = new SeenIds();
        for (int i = 0; i < 1000; i++) {
            grown.put("id-" + i, i, i);
        }
        grown.removeExpired(989);
        SeenIds small = new SeenIds();
        for (int i = 999; i >= 990; i--) {
            small.put("id-" + i, i, i);
        }
        assertThat(grown).isEqualTo(small).hasSameHashCodeAs(small);
        small.put("id-990", 0, 990);
        assertThat(grown).isNotEqualTo(small);
    }
}
