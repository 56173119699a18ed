package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumsTest {

    @Test
    void sumsAreExactBeyondTheRangeOfALong() {
        ExactSums acc = new ExactSums(2);
        BigInteger reference = BigInteger.ZERO;
        long max = 999_999_999_999_999L; // 9 999 999 999 999.99 yuan in cents
        for (int i = 0; i < 20_000; i++) {
            acc.addEvent(new long[] {max, -max}, i);
            reference = reference.add(BigInteger.valueOf(max));
        }
        assertThat(acc.value(0, 2)).isEqualByComparingTo(new BigDecimal(reference, 2));
        assertThat(acc.value(1, 2)).isEqualByComparingTo(new BigDecimal(reference.negate(), 2));
        assertThat(acc.events).isEqualTo(20_000);
    }

    @Test
    void randomSignedSumsAndMergesMatchBigInteger() {
        Random random = new Random(42);
        ExactSums a = new ExactSums(3);
        ExactSums b = new ExactSums(3);
        BigInteger[] reference = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        for (int i = 0; i < 100_000; i++) {
            long[] amounts = new long[3];
            for (int s = 0; s < 3; s++) {
                amounts[s] = random.nextLong() % 1_000_000_000_000_000L;
                reference[s] = reference[s].add(BigInteger.valueOf(amounts[s]));
            }
            (i % 3 == 0 ? a : b).addEvent(amounts, i);
        }
        a.merge(b);
        for (int s = 0; s < 3; s++) {
            assertThat(a.value(s, 2)).isEqualByComparingTo(new BigDecimal(reference[s], 2));
        }
        assertThat(a.events).isEqualTo(100_000);
        assertThat(a.latestEventMs).isEqualTo(99_999);
    }

    @Test
    void smallValuesKeepTheirScale() {
        ExactSums acc = new ExactSums(3);
        acc.addEvent(new long[] {12345, -5, 1}, 7);
        acc.addEvent(new long[] {-345, 5, 1}, 3);
        assertThat(acc.value(0, 2)).isEqualTo(new BigDecimal("120.00"));
        assertThat(acc.value(1, 2)).isEqualTo(new BigDecimal("0.00"));
        assertThat(acc.value(2, 0)).isEqualTo(new BigDecimal("2"));
        assertThat(acc.count(2)).isEqualTo(2);
        assertThat(acc.latestEventMs).as("the latest, not the last, event time").isEqualTo(7);
    }
}
