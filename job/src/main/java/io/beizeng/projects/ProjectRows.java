package io.beizeng.projects;

import io.beizeng.config.ProjectRules;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ProjectLight;
import io.beizeng.model.ProjectMonthRow;
import io.beizeng.model.ProjectProgressRow;
import io.beizeng.model.ProjectStage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's {@code project_progress} row and {@code project_months} rows, a pure function of its history and the
 * latest investment event time read (the as-of instant of every light, so a replay always gives the same lights).
 *
 * <p>The project's signing is its first SIGNED event (by time, then event id): it gives the district, chain and
 * signed amount. Its start and completion are its first STARTED and COMPLETED events; its investment is the sum of
 * its INVESTMENT_REPORTED amounts. A project with events and no signing keeps the district and chain of its first
 * event and is RED ({@link ProjectLight.Reason#NOT_SIGNED}) until a signing arrives.
 */
public final class ProjectRows implements java.io.Serializable {
    private final String planId;
    private final MonthCalendar calendar;
    private final ProjectRules rules;
    private final long majorThresholdCents;

    public ProjectRows(String planId, MonthCalendar calendar, ProjectRules rules, long majorThresholdCents) {
        this.planId = planId;
        this.calendar = calendar;
        this.rules = rules;
        this.majorThresholdCents = majorThresholdCents;
    }

    /** What a project had reached by an instant: its events before {@code cutoff}. */
    record Milestones(InvestmentEvent signing, InvestmentEvent first, Long startedAt, Long completedAt,
            long investedCents) {

        static Milestones of(ProjectHistory h, long cutoff) {
            InvestmentEvent signing = null;
            Long started = null;
            Long completed = null;
            long invested = 0;
            for (InvestmentEvent e : h.events()) {
                if (e.ts() >= cutoff) {
                    break;
                }
                switch (e.type()) {
                    case SIGNED -> signing = signing == null ? e : signing;
                    case STARTED -> started = started == null ? e.ts() : started;
                    case COMPLETED -> completed = completed == null ? e.ts() : completed;
                    case INVESTMENT_REPORTED -> invested += e.amountCents();
                }
            }
            return new Milestones(signing, h.events()[0], started, completed, invested);
        }

        ProjectStage stage() {
            return completedAt != null ? ProjectStage.COMPLETED
                    : startedAt != null ? ProjectStage.STARTED
                    : signing != null ? ProjectStage.SIGNED : null;
        }

        InvestmentEvent defining() {
            return signing != null ? signing : first;
        }

        Double investedShare() {
            return signing == null || signing.amountCents() == 0 ? null
                    : (double) investedCents / signing.amountCents();
        }
    }

    private ProjectLight.Reason judge(Milestones m, LocalDate on) {
        return ProjectLights.judge(m.stage(), m.signing == null ? null : day(m.signing.ts()),
                m.startedAt == null ? null : day(m.startedAt), m.signing == null ? null : m.signing.amountCents(),
                m.investedCents, on, rules);
    }

    private LocalDate day(long ts) {
        return LocalDate.ofEpochDay(calendar.dayOf(ts));
    }

    /** The project's row as of {@code latestTs}, the latest investment event time read (its own events are all before). */
    public ProjectProgressRow current(String projectId, ProjectHistory h, long latestTs) {
        Milestones m = Milestones.of(h, Long.MAX_VALUE);
        LocalDate on = day(latestTs);
        ProjectLight.Reason reason = judge(m, on);
        InvestmentEvent d = m.defining();
        ProjectStage stage = m.stage();
        return new ProjectProgressRow(planId, projectId, d.districtCode(), d.chain() == null ? null : d.chain().name(),
                m.signing == null ? null : BigDecimal.valueOf(m.signing.amountCents(), 2),
                m.signing != null && m.signing.amountCents() >= majorThresholdCents,
                m.signing == null ? null : m.signing.ts(), m.startedAt, m.completedAt,
                BigDecimal.valueOf(m.investedCents, 2), m.investedShare(), stage == null ? null : stage.name(),
                reason.light().name(), reason.name(), on.toEpochDay());
    }

    /**
     * The project's rows for every month from that of its first event to that of {@code latestTs}: each month as of
     * its last day (its events before the month's end), the running month as of {@code latestTs}'s day.
     */
    public List<ProjectMonthRow> months(String projectId, ProjectHistory h, long latestTs) {
        List<ProjectMonthRow> rows = new ArrayList<>();
        long asOfDay = calendar.dayOf(latestTs);
        int last = calendar.indexOf(latestTs);
        for (int month = calendar.indexOf(h.events()[0].ts()); month <= last; month++) {
            Milestones m = Milestones.of(h, calendar.end(month));
            LocalDate on = LocalDate.ofEpochDay(Math.min(asOfDay,
                    MonthCalendar.yearMonth(month).atEndOfMonth().toEpochDay()));
            ProjectLight.Reason reason = judge(m, on);
            ProjectStage stage = m.stage();
            rows.add(new ProjectMonthRow(planId, projectId, MonthCalendar.year(month), MonthCalendar.month(month),
                    m.defining().districtCode(), stage == null ? null : stage.name(),
                    BigDecimal.valueOf(m.investedCents, 2), m.investedShare(), reason.light().name(), reason.name(),
                    on.toEpochDay()));
        }
        return rows;
    }
}
