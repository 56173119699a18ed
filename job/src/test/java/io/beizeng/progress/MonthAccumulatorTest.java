package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonthAccumulatorTest {

    @Test
    void sumsAreExactBeyondTheRangeOfALong() {
        MonthAccumulator acc = new MonthAccumulator();
        BigInteger reference = BigInteger.ZERO;
        long max = 999_999_999_999_999L; // 9 999 999 999 999.99 yuan in cents
        for (int i = 0; i < 20_000; i++) {
            acc.add(max, -max);
            reference = reference.add(BigInteger.valueOf(max));
        }
        assertThat(acc.first()).isEqualByComparingTo(new BigDecimal(reference, 2));
        assertThat(acc.second()).isEqualByComparingTo(new BigDecimal(reference.negate(), 2));
        assertThat(acc.events).isEqualTo(20_000);
    }

    @Test
    void randomSignedSumsAndMergesMatchBigInteger() {
        Random random = new Random(42);
        MonthAccumulator a = new MonthAccumulator();
        MonthAccumulator b = new MonthAccumulator();
        BigInteger out = BigInteger.ZERO;
        BigInteger rev = BigInteger.ZERO;
        for (int i = 0; i < 100_000; i++) {
            long o = random.nextLong() % 1_000_000_000_000_000L;
            long r = random.nextLong() % 1_000_000_000_000_000L;
            (i % 3 == 0 ? a : b).add(o, r);
            out = out.add(BigInteger.valueOf(o));
            rev = rev.add(BigInteger.valueOf(r));
        }
        a.merge(b);
        assertThat(a.first()).isEqualByComparingTo(new BigDecimal(out, 2));
        assertThat(a.second()).isEqualByComparingTo(new BigDecimal(rev, 2));
    }

    @Test
    void smallValuesKeepTwoDecimals() {
        MonthAccumulator acc = new MonthAccumulator();
        acc.add(12345, -5);
        acc.add(-345, 5);
        assertThat(acc.first()).isEqualTo(new BigDecimal("120.00"));
        assertThat(acc.second()).isEqualTo(new BigDecimal("0.00"));
    }
}
