package io.beizeng.model;

import io.beizeng.config.Indicator;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The current total of one indicator for one cell and calendar month (plan time zone, a {@link MonthCalendar}
 * index): a window's early, on-time or late result, or a month-end stock change. Later totals with the same key
 * replace earlier ones; stock changes add up. {@code events} counts the accepted events of the indicator's source
 * stream in that cell and month (0 for stock changes), {@code latestEventMs} the latest of their event times
 * ({@link Long#MIN_VALUE} for stock changes).
 */
public record MonthTotal(Indicator indicator, Cell cell, int month, BigDecimal value, long events,
        long latestEventMs) {

    /** A month-end stock change of a district: no events of its own. */
    public static MonthTotal stockChange(Indicator indicator, String district, int month, BigDecimal change) {
        return new MonthTotal(indicator, Cell.of(district), month, change, 0, Long.MIN_VALUE);
    }

    public Key key() {
        return new Key(indicator, cell, month);
    }

    public int year() {
        return MonthCalendar.year(month);
    }

    public int monthOfYear() {
        return MonthCalendar.month(month);
    }

    /** One total per indicator, cell and month. */
    public record Key(Indicator indicator, Cell cell, int month) {
        /** Stable across JVMs, like {@link Cell#hashCode()}. */
        @Override
        public int hashCode() {
            return (indicator.name().hashCode() * 31 + Objects.hashCode(cell)) * 31 + month;
        }
    }
}
