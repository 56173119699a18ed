package io.beizeng.progress;

import io.beizeng.config.Indicator;
import io.beizeng.config.IndicatorPlan;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.MonthCalendar;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes every {@code district_progress} row from the current monthly totals of the districts: a pure function
 * of its input, recomputed in full each time (a plan has a handful of regions and at most a few hundred months).
 *
 * <p>Rows exist for each district and the city, for every month from January of the baseline year to the latest
 * month holding any accepted production event. Months without data count 0.
 */
public final class ProgressCalculator implements Serializable {
    private final Plan plan;

    public ProgressCalculator(Plan plan) {
        this.plan = plan;
    }

    public List<DistrictProgressRow> rows(Collection<DistrictMonthTotal> totals) {
        Map<String, BigDecimal> output = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        Set<Integer> yearsWithEvents = new HashSet<>();
        int latest = Integer.MIN_VALUE;
        for (DistrictMonthTotal t : totals) {
            int m = MonthCalendar.index(t.year(), t.month());
            output.merge(key(t.districtCode(), m), t.outputValue(), BigDecimal::add);
            revenue.merge(key(t.districtCode(), m), t.revenue(), BigDecimal::add);
            if (t.events() > 0) {
                yearsWithEvents.add(t.year());
                latest = Math.max(latest, m);
            }
        }
        int first = MonthCalendar.index(plan.baselineYear(), 1);
        List<DistrictProgressRow> rows = new ArrayList<>();
        if (latest < first) {
            return rows;
        }
        for (Map.Entry<Indicator, IndicatorPlan> e : plan.indicators().entrySet()) {
            Map<String, BigDecimal> values = switch (e.getKey()) {
                case OUTPUT_VALUE -> output;
                case REVENUE -> revenue;
            };
            for (int m = first; m <= latest; m++) {
                monthRows(e.getKey(), e.getValue(), values, yearsWithEvents, m, rows);
            }
        }
        return rows;
    }

    private void monthRows(Indicator indicator, IndicatorPlan ip, Map<String, BigDecimal> values,
            Set<Integer> yearsWithEvents, int m, List<DistrictProgressRow> out) {
        int year = MonthCalendar.year(m);
        int month = MonthCalendar.month(m);
        boolean hasPrior = yearsWithEvents.contains(year - 1);
        List<Figures> districts = new ArrayList<>();
        Figures city = new Figures(plan.city(), ip.cityBaseline());
        for (Region d : plan.districts()) {
            Figures f = new Figures(d, ip.baselines().get(d.code()));
            f.monthValue = value(values, d.code(), m);
            for (int i = m - month + 1; i <= m; i++) {
                f.ytd = f.ytd.add(value(values, d.code(), i));
                if (hasPrior) {
                    f.priorYtd = f.priorYtd.add(value(values, d.code(), i - 12));
                }
            }
            for (int i = m - 11; i <= m; i++) {
                f.rolling12 = f.rolling12.add(value(values, d.code(), i));
            }
            city.monthValue = city.monthValue.add(f.monthValue);
            city.ytd = city.ytd.add(f.ytd);
            city.priorYtd = city.priorYtd.add(f.priorYtd);
            city.rolling12 = city.rolling12.add(f.rolling12);
            districts.add(f);
        }
        for (Figures f : districts) {
            f.annualTarget = ProgressFormulas.annualTarget(
                    f.baseline, ip.multiplier(), year, plan.baselineYear(), plan.targetYear());
        }
        city.annualTarget = ProgressFormulas.annualTarget(
                city.baseline, ip.multiplier(), year, plan.baselineYear(), plan.targetYear());
        List<Figures> ranked = new ArrayList<>(districts);
        ranked.sort((a, b) -> ProgressFormulas.compareForRank(
                a.ytd, a.annualTarget, a.region.code(), b.ytd, b.annualTarget, b.region.code()));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).rank = i + 1;
        }
        for (Figures f : districts) {
            out.add(row(indicator, ip, f, "DISTRICT", year, month, hasPrior));
        }
        out.add(row(indicator, ip, city, "CITY", year, month, hasPrior));
    }

    private DistrictProgressRow row(Indicator indicator, IndicatorPlan ip, Figures f, String level, int year,
            int month, boolean hasPrior) {
        BigDecimal target = ProgressFormulas.targetValue(f.baseline, ip.multiplier());
        BigDecimal prior = hasPrior ? f.priorYtd : null;
        return new DistrictProgressRow(
                plan.planId(), f.region.code(), level, indicator.name(), year, month,
                f.monthValue, f.ytd, prior, ProgressFormulas.yoyGrowth(f.ytd, prior), f.rolling12,
                f.baseline, target, f.annualTarget,
                ProgressFormulas.timeProgress(month),
                ProgressFormulas.completionRatio(f.ytd, f.annualTarget),
                ProgressFormulas.doublingProgress(f.rolling12, f.baseline, target),
                ProgressFormulas.status(f.ytd, f.annualTarget, month, plan.statusTolerance()).name(),
                level.equals("CITY") ? null : f.rank);
    }

    private static BigDecimal value(Map<String, BigDecimal> values, String district, int month) {
        BigDecimal v = values.get(key(district, month));
        return v == null ? ZERO : v;
    }

    private static String key(String district, int month) {
        return district + '|' + month;
    }

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** Working figures of one region and month. */
    private static final class Figures {
        final Region region;
        final BigDecimal baseline;
        BigDecimal monthValue = ZERO;
        BigDecimal ytd = ZERO;
        BigDecimal priorYtd = ZERO;
        BigDecimal rolling12 = ZERO;
        BigDecimal annualTarget;
        int rank;

        Figures(Region region, BigDecimal baseline) {
            this.region = region;
            this.baseline = baseline;
        }
    }
}
