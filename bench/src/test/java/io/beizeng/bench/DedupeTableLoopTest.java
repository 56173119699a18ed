package io.beizeng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupeTableLoopTest {
    /**
     * 100 enterprises over 20 days: 48,000 ids and 240 resent, of which subtask 0 of 2 gets about half (the buckets
     * spread over both). The tables keep the ids unexpired at the watermark, 7 days and the 2-day lag, and at most
     * four times those; the loop itself checks that the last day's ids are all still there.
     */
    @Test
    void offersOneSubtasksShareAndKeepsWhatHasNotExpired() throws Exception {
        DedupeTableLoop.Result r = DedupeTableLoop.run(100, 20, 48, 1);
        long all = 100L * 20 * 24 + 100L * 20 * 24 / 200;
        assertThat(r.offered()).isBetween(all * 2 / 5, all * 3 / 5);
        long unexpiredShare = r.offered() * 9 / 20;
        assertThat(r.remembered()).isBetween(unexpiredShare / 2, 4 * unexpiredShare);
        assertThat(r.nanosPerId()).isPositive();
    }
}
