package io.beizeng.progress;

import io.beizeng.config.Indicator;
import io.beizeng.config.IndicatorPlan;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.config.ParkPlan;
import io.beizeng.model.Chain;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.MonthCalendar;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes every {@code district_progress} row from the current monthly totals of the districts: a pure function
 * of its input (a plan has a handful of regions and at most a few hundred months).
 *
 * <p>Rows exist for each district and the city, for every month from January of the baseline year to the latest
 * month holding any accepted production event. Months without data count 0.
 */
public final class ProgressCalculator implements Serializable {
    private final Plan plan;
    /**
     * Annual targets already computed, by baseline, multiplier and year: a target takes a 60-digit root, and a live
     * job recomputes the same few dozen rows at every update (3.8 % of the live job's CPU, sixth-run profile).
     */
    private transient Map<AnnualTargetKey, BigDecimal> annualTargets;

    public ProgressCalculator(Plan plan) {
        this.plan = plan;
    }

    public List<DistrictProgressRow> rows(Collection<DistrictMonthTotal> totals) {
        return rows(totals, List.of());
    }

    /** All rows, with the leading-enterprise standings for REVENUE_OVER_5B and REVENUE_OVER_10B. */
    public List<DistrictProgressRow> rows(Collection<DistrictMonthTotal> totals, Collection<LeadingStatus> leading) {
        return rows(totals, leading, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The rows of the months {@code fromMonth} to {@code toMonth} ({@link MonthCalendar#index} values, inclusive):
     * exactly those of {@link #rows(Collection, Collection)} in that range. Totals and standings of a month change
     * only the rows of that month and later ones (YTD, rolling 12, prior YTD, stock levels and ranks all look back),
     * so an updater recomputes from the earliest month changed since it last wrote.
     */
    public List<DistrictProgressRow> rows(Collection<DistrictMonthTotal> totals, Collection<LeadingStatus> leading,
            int fromMonth, int toMonth) {
        Map<Indicator, Map<String, BigDecimal>> values = new EnumMap<>(Indicator.class);
        Map<Indicator.Source, Set<Integer>> yearsWithEvents = new EnumMap<>(Indicator.Source.class);
        int latest = Integer.MIN_VALUE;
        for (DistrictMonthTotal t : totals) {
            int m = MonthCalendar.index(t.year(), t.month());
            values.computeIfAbsent(t.indicator(), i -> new HashMap<>())
                    .merge(key(t.districtCode(), m), t.value(), BigDecimal::add);
            if (t.events() > 0) {
                yearsWithEvents.computeIfAbsent(t.indicator().source(), s -> new HashSet<>()).add(t.year());
                latest = Math.max(latest, m);
            }
        }
        List<DistrictProgressRow> rows = new ArrayList<>();
        int baselineJanuary = MonthCalendar.index(plan.baselineYear(), 1);
        if (latest < baselineJanuary) {
            return rows;
        }
        int first = Math.max(baselineJanuary, fromMonth);
        latest = Math.min(latest, toMonth);
        for (Map.Entry<Indicator, IndicatorPlan> e : plan.indicators().entrySet()) {
            Map<String, BigDecimal> v = values.getOrDefault(e.getKey(), Map.of());
            if (e.getKey().source() == Indicator.Source.LEADING) {
                leadingRows(e.getKey(), e.getValue(), leading, first, latest, rows);
                continue;
            }
            if (e.getKey().isStock()) {
                stockRows(e.getKey(), e.getValue(), v, first, latest, rows);
                continue;
            }
            Set<Integer> years = yearsWithEvents.getOrDefault(e.getKey().source(), Set.of());
            for (int m = first; m <= latest; m++) {
                monthRows(e.getKey(), e.getValue(), v, years, m, rows);
            }
        }
        return rows;
    }

    /** Keys "group|month" → summed OUTPUT_VALUE, grouped by chain or by park; and the range of months. */
    private record Grouped(Map<String, BigDecimal> values, Set<Integer> yearsWithEvents, int latest) {}

    private static Grouped outputBy(Collection<DistrictMonthTotal> totals, boolean byChain) {
        Map<String, BigDecimal> values = new HashMap<>();
        Set<Integer> years = new HashSet<>();
        int latest = Integer.MIN_VALUE;
        for (DistrictMonthTotal t : totals) {
            if (t.events() > 0) {
                latest = Math.max(latest, MonthCalendar.index(t.year(), t.month()));
                if (t.indicator().source() == Indicator.Source.PRODUCTION) {
                    years.add(t.year());
                }
            }
            if (t.indicator() != Indicator.OUTPUT_VALUE) {
                continue;
            }
            String group = byChain ? (t.chain() == null ? null : t.chain().name()) : t.parkId();
            if (group != null) {
                values.merge(key(group, MonthCalendar.index(t.year(), t.month())), t.value(), BigDecimal::add);
            }
        }
        return new Grouped(values, years, latest);
    }

    /** Month, YTD, prior YTD (when the year before has events) and rolling-12 sums of a group. */
    private static Figures flow(Region region, BigDecimal baseline, Map<String, BigDecimal> values, String group,
            int m, boolean hasPrior) {
        Figures f = new Figures(region, baseline);
        int month = MonthCalendar.month(m);
        f.monthValue = value(values, group, m);
        for (int i = m - month + 1; i <= m; i++) {
            f.ytd = f.ytd.add(value(values, group, i));
            if (hasPrior) {
                f.priorYtd = f.priorYtd.add(value(values, group, i - 12));
            }
        }
        for (int i = m - 11; i <= m; i++) {
            f.rolling12 = f.rolling12.add(value(values, group, i));
        }
        return f;
    }

    /** chain_progress: every chain's output value city-wide, against its cluster target. */
    public List<ChainProgressRow> chainRows(Collection<DistrictMonthTotal> totals) {
        return chainRows(totals, Integer.MIN_VALUE);
    }

    /** The chain_progress rows of {@code fromMonth} and later (as {@link #rows(Collection, Collection, int, int)}). */
    public List<ChainProgressRow> chainRows(Collection<DistrictMonthTotal> totals, int fromMonth) {
        Grouped g = outputBy(totals, true);
        List<ChainProgressRow> rows = new ArrayList<>();
        for (int m = Math.max(MonthCalendar.index(plan.baselineYear(), 1), fromMonth); m <= g.latest(); m++) {
            int year = MonthCalendar.year(m);
            boolean hasPrior = g.yearsWithEvents().contains(year - 1);
            for (Chain chain : Chain.values()) {
                Figures f = flow(null, null, g.values(), chain.name(), m, hasPrior);
                BigDecimal target = plan.clusterTargets().get(chain);
                BigDecimal prior = hasPrior ? f.priorYtd : null;
                rows.add(new ChainProgressRow(plan.planId(), chain.name(), year, MonthCalendar.month(m), f.monthValue,
                        f.ytd, prior, ProgressFormulas.yoyGrowth(f.ytd, prior), f.rolling12, target,
                        target == null ? null : ProgressFormulas.completionRatio(f.rolling12, target)));
            }
        }
        return rows;
    }

    /** park_progress: every park of the plan, its output value against its doubling target, ranked among parks. */
    public List<ParkProgressRow> parkRows(Collection<DistrictMonthTotal> totals) {
        return parkRows(totals, Integer.MIN_VALUE);
    }

    /** The park_progress rows of {@code fromMonth} and later (as {@link #rows(Collection, Collection, int, int)}). */
    public List<ParkProgressRow> parkRows(Collection<DistrictMonthTotal> totals, int fromMonth) {
        Grouped g = outputBy(totals, false);
        List<ParkProgressRow> rows = new ArrayList<>();
        for (int m = Math.max(MonthCalendar.index(plan.baselineYear(), 1), fromMonth); m <= g.latest(); m++) {
            int year = MonthCalendar.year(m);
            int month = MonthCalendar.month(m);
            boolean hasPrior = g.yearsWithEvents().contains(year - 1);
            List<Figures> parks = new ArrayList<>();
            for (ParkPlan park : plan.parks()) {
                Figures f = flow(new Region(park.id(), park.name(), park.nameEn()), park.baseline(), g.values(),
                        park.id(), m, hasPrior);
                f.annualTarget = annualTarget(park.baseline(), park.multiplier(), year);
                parks.add(f);
            }
            rank(parks);
            for (int i = 0; i < parks.size(); i++) {
                Figures f = parks.get(i);
                ParkPlan park = plan.parks().get(i);
                BigDecimal prior = hasPrior ? f.priorYtd : null;
                BigDecimal target = ProgressFormulas.targetValue(park.baseline(), park.multiplier());
                rows.add(new ParkProgressRow(plan.planId(), park.id(), f.region.displayName(), year, month,
                        f.monthValue, f.ytd, prior, ProgressFormulas.yoyGrowth(f.ytd, prior), f.rolling12,
                        park.baseline(), target, f.annualTarget, ProgressFormulas.timeProgress(month),
                        ProgressFormulas.completionRatio(f.ytd, f.annualTarget),
                        ProgressFormulas.doublingProgress(f.rolling12, park.baseline(), target),
                        ProgressFormulas.status(f.ytd, f.annualTarget, month, plan.statusTolerance()).name(),
                        f.rank));
            }
        }
        return rows;
    }

    /**
     * A stock's rows: its month-end level is the sum of its changes up to the month; month, YTD and rolling-12
     * values all equal that level, completion compares it with the annual target and time progress is 1 (a stock
     * target holds at any time). The prior value is the level a year earlier, NULL before the city's stock was
     * ever non-zero.
     */
    private void stockRows(Indicator indicator, IndicatorPlan ip, Map<String, BigDecimal> changes, int first,
            int latest, List<DistrictProgressRow> out) {
        Map<String, java.util.TreeMap<Integer, BigDecimal>> byDistrict = new HashMap<>();
        java.util.TreeMap<Integer, BigDecimal> city = new java.util.TreeMap<>();
        for (Map.Entry<String, BigDecimal> c : changes.entrySet()) {
            int bar = c.getKey().lastIndexOf('|');
            String district = c.getKey().substring(0, bar);
            int month = Integer.parseInt(c.getKey().substring(bar + 1));
            byDistrict.computeIfAbsent(district, d -> new java.util.TreeMap<>()).merge(month, c.getValue(), BigDecimal::add);
            city.merge(month, c.getValue(), BigDecimal::add);
        }
        Integer firstNonZero = null;
        BigDecimal level = ZERO;
        for (Map.Entry<Integer, BigDecimal> c : city.entrySet()) {
            level = level.add(c.getValue());
            if (level.signum() != 0) {
                firstNonZero = c.getKey();
                break;
            }
        }
        levelRows(indicator, ip, (district, m) -> levelAt(byDistrict.getOrDefault(district, new java.util.TreeMap<>()), m),
                firstNonZero, first, latest, out);
    }

    /** Leading enterprises: per district and month, the enterprises at or above the indicator's tier then. */
    private void leadingRows(Indicator indicator, IndicatorPlan ip, Collection<LeadingStatus> leading, int first,
            int latest, List<DistrictProgressRow> out) {
        Map<String, BigDecimal> counts = new HashMap<>();
        Integer firstNonZero = null;
        for (LeadingStatus l : leading) {
            boolean counts10 = "REVENUE_OVER_10B".equals(l.tier());
            boolean counts5 = counts10 || "REVENUE_OVER_5B".equals(l.tier());
            if (indicator == Indicator.REVENUE_OVER_10B ? counts10 : counts5) {
                int m = MonthCalendar.index(l.year(), l.month());
                counts.merge(key(l.districtCode(), m), PLUS_ONE, BigDecimal::add);
                firstNonZero = firstNonZero == null ? m : Math.min(firstNonZero, m);
            }
        }
        levelRows(indicator, ip, (district, m) -> value(counts, district, m), firstNonZero, first, latest, out);
    }

    private static final BigDecimal PLUS_ONE = BigDecimal.ONE.setScale(2);

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
                f.annualTarget = annualTarget(ip, f, d.code(), year);
                total.monthValue = total.monthValue.add(f.monthValue);
                total.priorYtd = total.priorYtd.add(f.priorYtd);
                districts.add(f);
            }
            total.ytd = total.monthValue;
            total.rolling12 = total.monthValue;
            total.annualTarget = annualTarget(ip, total, null, year);
            rank(districts);
            for (Figures f : districts) {
                out.add(row(indicator, ip, f, "DISTRICT", year, 12, hasPrior).withMonth(MonthCalendar.month(m)));
            }
            out.add(row(indicator, ip, total, "CITY", year, 12, hasPrior).withMonth(MonthCalendar.month(m)));
        }
    }

    private static BigDecimal levelAt(java.util.TreeMap<Integer, BigDecimal> series, int month) {
        BigDecimal sum = ZERO;
        for (BigDecimal v : series.headMap(month, true).values()) {
            sum = sum.add(v);
        }
        return sum;
    }

    private static void rank(List<Figures> districts) {
        List<Figures> ranked = new ArrayList<>(districts);
        ranked.sort((a, b) -> ProgressFormulas.compareForRank(
                a.ytd, a.annualTarget, a.region.code(), b.ytd, b.annualTarget, b.region.code()));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).rank = i + 1;
        }
    }

    private void monthRows(Indicator indicator, IndicatorPlan ip, Map<String, BigDecimal> values,
            Set<Integer> yearsWithEvents, int m, List<DistrictProgressRow> out) {
        int year = MonthCalendar.year(m);
        int month = MonthCalendar.month(m);
        boolean hasPrior = yearsWithEvents.contains(year - 1);
        List<Figures> districts = new ArrayList<>();
        Figures city = new Figures(plan.city(), baseline(ip, null));
        for (Region d : plan.districts()) {
            Figures f = flow(d, baseline(ip, d.code()), values, d.code(), m, hasPrior);
            city.monthValue = city.monthValue.add(f.monthValue);
            city.ytd = city.ytd.add(f.ytd);
            city.priorYtd = city.priorYtd.add(f.priorYtd);
            city.rolling12 = city.rolling12.add(f.rolling12);
            districts.add(f);
        }
        for (Figures f : districts) {
            f.annualTarget = annualTarget(ip, f, f.region.code(), year);
        }
        city.annualTarget = annualTarget(ip, city, null, year);
        rank(districts);
        for (Figures f : districts) {
            out.add(row(indicator, ip, f, "DISTRICT", year, month, hasPrior));
        }
        out.add(row(indicator, ip, city, "CITY", year, month, hasPrior));
    }

    private DistrictProgressRow row(Indicator indicator, IndicatorPlan ip, Figures f, String level, int year,
            int month, boolean hasPrior) {
        BigDecimal prior = hasPrior ? f.priorYtd : null;
        Double yoy = ProgressFormulas.yoyGrowth(f.ytd, prior);
        BigDecimal target;
        Double doubling;
        if (indicator.hasAnnualCountTargets()) {
            // a count per year: the plan period's target is the yearly count times the years; no doubling
            target = f.annualTarget.multiply(BigDecimal.valueOf(plan.targetYear() - plan.baselineYear()));
            doubling = null;
        } else {
            target = ProgressFormulas.targetValue(f.baseline, ip.multiplier());
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
                level.equals("CITY") ? null : f.rank);
    }

    /** B: the district's baseline, or the city's (the sum); 0 for indicators with annual count targets. */
    private static BigDecimal baseline(IndicatorPlan ip, String district) {
        if (ip.baselines() == null) {
            return ZERO;
        }
        return district == null ? ip.cityBaseline() : ip.baselines().get(district);
    }

    private BigDecimal annualTarget(IndicatorPlan ip, Figures f, String district, int year) {
        if (ip.annualTargets() != null) {
            return district == null ? ip.cityAnnualTarget().setScale(2) : ip.annualTargets().get(district);
        }
        return annualTarget(f.baseline, ip.multiplier(), year);
    }

    private record AnnualTargetKey(BigDecimal baseline, BigDecimal multiplier, int year) {}

    /** {@link ProgressFormulas#annualTarget} of this plan's years, each computed once. */
    private BigDecimal annualTarget(BigDecimal baseline, BigDecimal multiplier, int year) {
        if (annualTargets == null) {
            annualTargets = new HashMap<>();
        }
        // BigDecimal's equals compares the scale too: equal keys are the very same inputs
        return annualTargets.computeIfAbsent(new AnnualTargetKey(baseline, multiplier, year),
                k -> ProgressFormulas.annualTarget(k.baseline(), k.multiplier(), k.year(), plan.baselineYear(),
                        plan.targetYear()));
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
