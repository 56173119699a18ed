package io.beizeng.progress;

import io.beizeng.config.Feed;
import io.beizeng.config.Indicator;
import io.beizeng.config.IndicatorPlan;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.MonthCalendar;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code district_progress} rows of a plan: a pure function of its monthly totals and leading standings. Rows
 * exist for each district and the city, for every indicator of the plan, for every month from January of the
 * baseline year to the latest month holding any accepted event. Months without data count 0.
 */
public final class DistrictProgress implements Serializable {
    private static final BigDecimal PLUS_ONE = BigDecimal.ONE.setScale(2);

    private final Plan plan;
    private final AnnualTargets annualTargets;

    public DistrictProgress(Plan plan) {
        this.plan = plan;
        this.annualTargets = new AnnualTargets(plan);
    }

    public List<DistrictProgressRow> rows(PlanTotals totals, Collection<LeadingStatus> leading) {
        return rows(totals, leading, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The rows of the months {@code fromMonth} to {@code toMonth} ({@link MonthCalendar#index} values, inclusive):
     * exactly those of {@link #rows(PlanTotals, Collection)} in that range. Totals and standings of a month change
     * only the rows of that month and later ones (YTD, rolling 12, prior YTD, stock levels and ranks all look back),
     * so an updater recomputes from the earliest month changed since it last wrote.
     */
    public List<DistrictProgressRow> rows(PlanTotals totals, Collection<LeadingStatus> leading, int fromMonth,
            int toMonth) {
        List<DistrictProgressRow> rows = new ArrayList<>();
        int baselineJanuary = MonthCalendar.index(plan.baselineYear(), 1);
        int latest = totals.latestMonth();
        if (latest < baselineJanuary) {
            return rows;
        }
        int first = Math.max(baselineJanuary, fromMonth);
        latest = Math.min(latest, toMonth);
        for (Map.Entry<Indicator, IndicatorPlan> e : plan.indicators().entrySet()) {
            Indicator indicator = e.getKey();
            if (indicator.source() == Indicator.Source.LEADING) {
                leadingRows(indicator, e.getValue(), leading, first, latest, rows);
            } else if (indicator.isStock()) {
                stockRows(indicator, e.getValue(), totals.byDistrict(indicator), first, latest, rows);
            } else {
                for (int m = first; m <= latest; m++) {
                    monthRows(indicator, e.getValue(), totals, m, rows);
                }
            }
        }
        return rows;
    }

    /** A flow's (or count's) rows of one month: each district, ranked, and the city, their sum. */
    private void monthRows(Indicator indicator, IndicatorPlan ip, PlanTotals totals, int m,
            List<DistrictProgressRow> out) {
        int year = MonthCalendar.year(m);
        boolean hasPrior = totals.hasEvents(indicator.source(), year - 1);
        PlanTotals.Series series = totals.byDistrict(indicator);
        List<Figures> districts = new ArrayList<>();
        Figures city = new Figures(plan.city(), baseline(ip, null));
        for (Region d : plan.districts()) {
            Figures f = Figures.flow(d, baseline(ip, d.code()), series, d.code(), m, hasPrior);
            city.monthValue = city.monthValue.add(f.monthValue);
            city.ytd = city.ytd.add(f.ytd);
            city.priorYtd = city.priorYtd.add(f.priorYtd);
            city.rolling12 = city.rolling12.add(f.rolling12);
            targets(ip, f, d.code(), year, null);
            districts.add(f);
        }
        targets(ip, city, null, year, districts);
        Figures.rank(districts);
        int month = MonthCalendar.month(m);
        for (Figures f : districts) {
            out.add(row(indicator, ip, f, "DISTRICT", year, month, hasPrior));
        }
        out.add(row(indicator, ip, city, "CITY", year, month, hasPrior));
    }

    /**
     * A stock's rows: its month-end level is the sum of its changes up to the month; month, YTD and rolling-12
     * values all equal that level, completion compares it with the annual target and time progress is 1 (a stock
     * target holds at any time). The prior value is the level a year earlier, NULL before the city's stock was
     * ever non-zero.
     */
    private void stockRows(Indicator indicator, IndicatorPlan ip, PlanTotals.Series changes, int first, int latest,
            List<DistrictProgressRow> out) {
        levelRows(indicator, ip, changes::levelAt, changes.firstNonZeroTotal(), first, latest, out);
    }

    /** Leading enterprises: per district and month, the enterprises at or above the indicator's tier then. */
    private void leadingRows(Indicator indicator, IndicatorPlan ip, Collection<LeadingStatus> leading, int first,
            int latest, List<DistrictProgressRow> out) {
        PlanTotals.Series counts = new PlanTotals.Series();
        Integer firstNonZero = null;
        for (LeadingStatus l : leading) {
            if (l.tier().reaches(((Feed.Tier) indicator.feed()).tier())) {
                int m = MonthCalendar.index(l.year(), l.month());
                counts.add(l.districtCode(), m, PLUS_ONE);
                firstNonZero = firstNonZero == null ? m : Math.min(firstNonZero, m);
            }
        }
        levelRows(indicator, ip, counts::at, firstNonZero, first, latest, out);
    }

    /** The level of a stock for a district and month. */
    private interface Levels {
        BigDecimal at(String district, int month);
    }

    private void levelRows(Indicator indicator, IndicatorPlan ip, Levels levels, Integer firstNonZero, int first,
            int latest, List<DistrictProgressRow> out) {
        for (int m = first; m <= latest; m++) {
            int year = MonthCalendar.year(m);
            boolean hasPrior = firstNonZero != null && m - 12 >= firstNonZero;
            List<Figures> districts = new ArrayList<>();
            Figures total = new Figures(plan.city(), baseline(ip, null));
            for (Region d : plan.districts()) {
                Figures f = new Figures(d, baseline(ip, d.code()));
                f.monthValue = levels.at(d.code(), m);
                f.ytd = f.monthValue;
                f.rolling12 = f.monthValue;
                f.priorYtd = levels.at(d.code(), m - 12);
                targets(ip, f, d.code(), year, null);
                total.monthValue = total.monthValue.add(f.monthValue);
                total.priorYtd = total.priorYtd.add(f.priorYtd);
                districts.add(f);
            }
            total.ytd = total.monthValue;
            total.rolling12 = total.monthValue;
            targets(ip, total, null, year, districts);
            Figures.rank(districts);
            // computed as at the year's end (time progress 1, status against the whole target), labelled with m
            for (Figures f : districts) {
                out.add(row(indicator, ip, f, "DISTRICT", year, 12, hasPrior).withMonth(MonthCalendar.month(m)));
            }
            out.add(row(indicator, ip, total, "CITY", year, 12, hasPrior).withMonth(MonthCalendar.month(m)));
        }
    }

    private DistrictProgressRow row(Indicator indicator, IndicatorPlan ip, Figures f, String level, int year,
            int month, boolean hasPrior) {
        BigDecimal prior = f.prior(hasPrior);
        Double yoy = ProgressFormulas.yoyGrowth(f.ytd, prior);
        BigDecimal target;
        Double doubling;
        if (indicator.hasAnnualCountTargets()) {
            // a count per year: the plan period's target is the yearly count times the years; no doubling
            target = f.annualTarget.multiply(BigDecimal.valueOf(plan.targetYear() - plan.baselineYear()));
            doubling = null;
        } else {
            target = f.targetValue;
            doubling = ProgressFormulas.doublingProgress(f.rolling12, f.baseline, target);
        }
        ProgressFormulas.Status status = ProgressFormulas.status(f.ytd, f.annualTarget, month, plan.statusTolerance());
        if (ip.minYoyGrowth() != null && ProgressFormulas.belowGrowthFloor(f.ytd, prior, ip.minYoyGrowth())) {
            status = ProgressFormulas.Status.BEHIND;
        }
        return new DistrictProgressRow(
                plan.planId(), f.region.code(), level, indicator.name(), year, month,
                f.monthValue, f.ytd, prior, yoy, f.rolling12,
                f.baseline, target, f.annualTarget,
                ProgressFormulas.timeProgress(month),
                ProgressFormulas.completionRatio(f.ytd, f.annualTarget),
                doubling, status.name(),
                level.equals("CITY") ? null : f.rank,
                perCapita(indicator, f, year));
    }

    /** YTD per person, half-up to 0.01: amounts in CNY of a region with a population that year; else null. */
    private BigDecimal perCapita(Indicator indicator, Figures f, int year) {
        if (indicator.unit() != Indicator.Unit.CNY) {
            return null;
        }
        Long persons = f.region.code().equals(plan.city().code()) ? plan.population().city(plan.districts(), year)
                : plan.population().of(f.region.code(), year);
        return persons == null ? null : ProgressFormulas.perCapita(f.ytd, persons);
    }

    /** B: the district's baseline, or the city's (the sum); 0 for indicators with annual count targets. */
    private static BigDecimal baseline(IndicatorPlan ip, String district) {
        if (ip.baselines() == null) {
            return Figures.ZERO;
        }
        return district == null ? ip.cityBaseline() : ip.baselines().get(district);
    }

    /**
     * A region's annual target of the year and, for growth targets, the plan period's target: a district's from its
     * baseline and its multiplier; the city's from its baseline and the indicator's multiplier, or, where some
     * district has a multiplier of its own, the sums of its districts' (rounded) targets.
     *
     * @param districts the districts' figures, for the city (null for a district)
     */
    private void targets(IndicatorPlan ip, Figures f, String district, int year, List<Figures> districts) {
        if (ip.annualTargets() != null) {
            f.annualTarget = district == null ? ip.cityAnnualTarget().setScale(2) : ip.annualTargets().get(district);
            return;
        }
        if (district == null && ip.hasDistrictMultipliers()) {
            f.annualTarget = Figures.ZERO;
            f.targetValue = Figures.ZERO;
            for (Figures d : districts) {
                f.annualTarget = f.annualTarget.add(d.annualTarget);
                f.targetValue = f.targetValue.add(d.targetValue);
            }
            return;
        }
        BigDecimal multiplier = district == null ? ip.multiplier() : ip.multiplier(district);
        f.annualTarget = annualTargets.of(f.baseline, multiplier, year);
        f.targetValue = ProgressFormulas.targetValue(f.baseline, multiplier);
    }
}
