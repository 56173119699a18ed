package io.beizeng.projects;

import io.beizeng.config.ProjectRules;
import io.beizeng.model.ProjectLight;
import io.beizeng.model.ProjectStage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The light rule for key projects, a pure function of a project's milestones and the day it is judged on. */
public final class ProjectLights {
    private ProjectLights() {}

    /**
     * Why a project has the light it has on {@code on}. Days count calendar days in the plan's zone: a project signed
     * on 1 January with {@code startWithinDays} 90 is late from 1 April (91 days) on. The investment rule compares
     * exactly: invested / signed &lt; days since start / completeWithinDays − investedShareLag.
     *
     * @param stage the latest milestone reached by {@code on} (null: none, only investment reported)
     * @param signed the day of its signing (null: never signed)
     * @param started the day it started (null: not started)
     * @param signedCents its signed amount (null: never signed)
     */
    public static ProjectLight.Reason judge(ProjectStage stage, LocalDate signed, LocalDate started, Long signedCents,
            long investedCents, LocalDate on, ProjectRules rules) {
        if (signed == null) {
            return ProjectLight.Reason.NOT_SIGNED;
        }
        if (stage == ProjectStage.COMPLETED) {
            return ProjectLight.Reason.COMPLETED;
        }
        if (stage == ProjectStage.STARTED) {
            long days = ChronoUnit.DAYS.between(started, on);
            if (days > rules.completeWithinDays()) {
                return ProjectLight.Reason.NOT_COMPLETED_IN_TIME;
            }
            if (signedCents > 0 && investmentBehind(investedCents, signedCents, days, rules)) {
                return ProjectLight.Reason.INVESTMENT_BEHIND;
            }
            return ProjectLight.Reason.ON_TRACK;
        }
        return ChronoUnit.DAYS.between(signed, on) > rules.startWithinDays()
                ? ProjectLight.Reason.NOT_STARTED_IN_TIME : ProjectLight.Reason.ON_TRACK;
    }

    /** invested / signed &lt; days / complete − lag, as invested × complete &lt; (days − lag × complete) × signed. */
    static boolean investmentBehind(long investedCents, long signedCents, long daysSinceStart, ProjectRules rules) {
        BigDecimal complete = BigDecimal.valueOf(rules.completeWithinDays());
        BigDecimal left = BigDecimal.valueOf(investedCents).multiply(complete);
        BigDecimal right = BigDecimal.valueOf(daysSinceStart).subtract(rules.investedShareLag().multiply(complete))
                .multiply(BigDecimal.valueOf(signedCents));
        return left.compareTo(right) < 0;
    }
}
