package io.beizeng.progress;

import io.beizeng.config.Region;
import io.beizeng.model.MonthCalendar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Working figures of one region (a district, the city, a park) and month, before they become a row. */
final class Figures {
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    final Region region;
    final BigDecimal baseline;
    BigDecimal monthValue = ZERO;
    BigDecimal ytd = ZERO;
    BigDecimal priorYtd = ZERO;
    BigDecimal rolling12 = ZERO;
    BigDecimal annualTarget;
    /** The plan period's target (growth targets). */
    BigDecimal targetValue;
    int rank;

    Figures(Region region, BigDecimal baseline) {
        this.region = region;
        this.baseline = baseline;
    }

    /** Month, YTD, prior YTD (when the year before has events, else 0) and rolling-12 sums of a group. */
    static Figures flow(Region region, BigDecimal baseline, PlanTotals.Series series, String group, int month,
            boolean hasPrior) {
        Figures f = new Figures(region, baseline);
        f.monthValue = series.at(group, month);
        f.ytd = series.yearToDate(group, month);
        if (hasPrior) {
            f.priorYtd = series.yearToDate(group, month - 12);
        }
        f.rolling12 = series.rolling12(group, month);
        return f;
    }

    /** The prior YTD a row shows: NULL without events in the year before. */
    BigDecimal prior(boolean hasPrior) {
        return hasPrior ? priorYtd : null;
    }

    /** Ranks 1..n by completion (exact) descending, ties by region code; regions without a target last. */
    static void rank(List<Figures> regions) {
        List<Figures> ranked = new ArrayList<>(regions);
        ranked.sort((a, b) -> ProgressFormulas.compareForRank(
                a.ytd, a.annualTarget, a.region.code(), b.ytd, b.annualTarget, b.region.code()));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).rank = i + 1;
        }
    }

    static int year(int month) {
        return MonthCalendar.year(month);
    }
}
