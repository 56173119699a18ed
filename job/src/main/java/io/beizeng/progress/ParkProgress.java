package io.beizeng.progress;

import io.beizeng.config.Indicator;
import io.beizeng.config.ParkPlan;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ParkProgressRow;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code park_progress} rows of a plan, a pure function of its monthly totals: every park of the plan, for each
 * indicator it has a target for, its value (of the enterprises whose park it is at event time) against its doubling
 * target, with the formulas of {@code district_progress}, ranked among the parks with a target for that indicator.
 */
public final class ParkProgress implements Serializable {
    private final Plan plan;
    private final AnnualTargets annualTargets;

    public ParkProgress(Plan plan) {
        this.plan = plan;
        this.annualTargets = new AnnualTargets(plan);
    }

    /** The rows of {@code fromMonth} and later, to the latest month holding any event. */
    public List<ParkProgressRow> rows(PlanTotals totals, int fromMonth) {
        List<ParkProgressRow> rows = new ArrayList<>();
        for (int m = Math.max(MonthCalendar.index(plan.baselineYear(), 1), fromMonth); m <= totals.latestMonth(); m++) {
            int year = MonthCalendar.year(m);
            int month = MonthCalendar.month(m);
            boolean hasPrior = totals.hasEvents(Indicator.Source.PRODUCTION, year - 1);
            for (Indicator indicator : Indicator.values()) {
                List<ParkPlan> parks = plan.parks().stream().filter(p -> p.targets().containsKey(indicator)).toList();
                if (parks.isEmpty()) {
                    continue;
                }
                PlanTotals.Series series = totals.byPark(indicator);
                List<Figures> figures = new ArrayList<>();
                for (ParkPlan park : parks) {
                    ParkPlan.Growth growth = park.targets().get(indicator);
                    Figures f = Figures.flow(new Region(park.id(), park.name(), park.nameEn()), growth.baseline(),
                            series, park.id(), m, hasPrior);
                    f.annualTarget = annualTargets.of(growth.baseline(), growth.multiplier(), year);
                    figures.add(f);
                }
                Figures.rank(figures);
                for (int i = 0; i < parks.size(); i++) {
                    Figures f = figures.get(i);
                    ParkPlan park = parks.get(i);
                    ParkPlan.Growth growth = park.targets().get(indicator);
                    BigDecimal prior = f.prior(hasPrior);
                    BigDecimal target = ProgressFormulas.targetValue(growth.baseline(), growth.multiplier());
                    rows.add(new ParkProgressRow(plan.planId(), park.id(), park.displayName(), indicator.name(), year,
                            month, f.monthValue, f.ytd, prior, ProgressFormulas.yoyGrowth(f.ytd, prior), f.rolling12,
                            growth.baseline(), target, f.annualTarget, ProgressFormulas.timeProgress(month),
                            ProgressFormulas.completionRatio(f.ytd, f.annualTarget),
                            ProgressFormulas.doublingProgress(f.rolling12, growth.baseline(), target),
                            ProgressFormulas.status(f.ytd, f.annualTarget, month, plan.statusTolerance()).name(),
                            f.rank));
                }
            }
        }
        return rows;
    }
}
