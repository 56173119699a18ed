package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path against the reference, {@code OffsetDateTime.parse} with ISO_OFFSET_DATE_TIME. */
class IsoTimestampsTest {
    /** The reference's answer: the instant, or null when it rejects the text. */
    private static Long reference(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Long parsed(String text) {
        try {
            return IsoTimestamps.epochMillis(text);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05T20:15:00+08:00", "2024-03-05T20:15:00Z", "2024-02-29T23:59:59.999-05:30",
            "1969-12-31T23:59:59.5+00:00", "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59.123456789-18:00",
            "2000-02-29T12:00:00.1+14:00", "1900-03-01T00:00:00.000001Z"})
    void theCommonFormTakesTheFastPathAndGivesTheReferenceInstant(String text) {
        assertThat(IsoTimestamps.fastPath(text)).isNotEqualTo(Long.MIN_VALUE).isEqualTo(reference(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05T20:15+08:00", "2024-03-05t20:15:00+08:00", "2024-03-05T20:15:00+08",
            "2024-03-05T20:15:00+08:00:30", "+12024-03-05T20:15:00Z",
            "2024-03-05T20:15:00.Z", "2024-03-05T20:15:00z"})
    void otherAcceptedFormsGoToTheFormatterAndStillParse(String text) {
        assertThat(reference(text)).as("the formatter accepts " + text).isNotNull();
        assertThat(IsoTimestamps.fastPath(text)).isEqualTo(Long.MIN_VALUE);
        assertThat(parsed(text)).isEqualTo(reference(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z",
            "2024-03-05T24:00:00Z", "2024-03-05T20:60:00Z", "2024-03-05T20:15:60Z", "2024-03-05T20:15:00+18:01",
            "2024-03-05T20:15:00+19:00", "2024-03-05T20:15:00", "2024-03-05 20:15:00Z", "2024-03-05T20:15:00.1234567890Z",
            "2024-00-05T20:15:00Z", "2024-03-00T20:15:00Z", "2024-03-05T20:15:00+08:60", "２024-03-05T20:15:00Z",
            "2024-03-05T20:15:00+0800"})
    void whatTheFormatterRejectsIsRejected(String text) {
        assertThat(reference(text)).as("the formatter rejects " + text).isNull();
        assertThat(IsoTimestamps.fastPath(text)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> IsoTimestamps.epochMillis(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void randomInstantsAndMutationsOfThemAgreeWithTheReference() {
        Random random = new Random(5);
        String alphabet = "0123456789-:T.Z+ zt9";
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            long seconds = (long) (random.nextDouble() * 20_000L * 365 * 86_400) - 10_000L * 365 * 86_400;
            int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(37) * 1800 - 18 * 3600);
            String text = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nanos), offset)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (random.nextBoolean()) {
                // one character replaced, dropped or added
                StringBuilder b = new StringBuilder(text);
                int at = random.nextInt(b.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> b.setCharAt(at, c);
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, c);
                }
                text = b.toString();
            }
            assertThat(parsed(text)).as(text).isEqualTo(reference(text));
            if (IsoTimestamps.fastPath(text) != Long.MIN_VALUE) {
                fast++;
            }
        }
        // the fast path must have been taken for many (not for years outside 0000–9999 and most mutations), or this
        // test compares the reference with itself
        assertThat(fast).isGreaterThan(50_000);
    }
}
