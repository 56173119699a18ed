package io.beizeng.progress;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.model.Chain;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.MonthCalendar;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code chain_progress} rows of a plan, a pure function of its monthly totals: every industry chain's value of
 * each of the plan's chain indicators city-wide (the chain of each enterprise at event time), and on the rows of the
 * cluster indicator its progress against the chain's cluster target.
 */
public final class ChainProgress implements Serializable {
    private final Plan plan;

    public ChainProgress(Plan plan) {
        this.plan = plan;
    }

    /** The rows of {@code fromMonth} and later, to the latest month holding any event. */
    public List<ChainProgressRow> rows(PlanTotals totals, int fromMonth) {
        List<ChainProgressRow> rows = new ArrayList<>();
        for (int m = Math.max(MonthCalendar.index(plan.baselineYear(), 1), fromMonth); m <= totals.latestMonth(); m++) {
            int year = MonthCalendar.year(m);
            boolean hasPrior = totals.hasEvents(Indicator.Source.PRODUCTION, year - 1);
            for (Indicator indicator : plan.chainIndicators()) {
                PlanTotals.Series series = totals.byChain(indicator);
                boolean cluster = indicator == plan.clusterIndicator();
                for (Chain chain : Chain.values()) {
                    Figures f = Figures.flow(null, null, series, chain.name(), m, hasPrior);
                    BigDecimal target = cluster ? plan.clusterTargets().get(chain) : null;
                    BigDecimal prior = f.prior(hasPrior);
                    rows.add(new ChainProgressRow(plan.planId(), chain.name(), indicator.name(), year,
                            MonthCalendar.month(m), f.monthValue, f.ytd, prior, ProgressFormulas.yoyGrowth(f.ytd, prior),
                            f.rolling12, target,
                            target == null ? null : ProgressFormulas.completionRatio(f.rolling12, target)));
                }
            }
        }
        return rows;
    }
}
