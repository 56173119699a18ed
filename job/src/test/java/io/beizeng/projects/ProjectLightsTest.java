package io.beizeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.ProjectRules;
import io.beizeng.model.ProjectLight;
import io.beizeng.model.ProjectLight.Reason;
import io.beizeng.model.ProjectStage;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Each light rule at its boundary, with the plan's default rules (90 days to start, 730 to complete, lag 0.10). */
class ProjectLightsTest {
    private static final ProjectRules RULES = ProjectRules.DEFAULTS;
    private static final LocalDate SIGNED = LocalDate.of(2024, 1, 1);
    private static final LocalDate STARTED = LocalDate.of(2024, 3, 1);
    private static final long SIGNED_CENTS = 730_000L;

    private static Reason signedOnly(LocalDate on) {
        return ProjectLights.judge(ProjectStage.SIGNED, SIGNED, null, SIGNED_CENTS, 0, on, RULES);
    }

    private static Reason started(long investedCents, LocalDate on) {
        return ProjectLights.judge(ProjectStage.STARTED, SIGNED, STARTED, SIGNED_CENTS, investedCents, on, RULES);
    }

    @Test
    void aSignedProjectIsLateToStartFromTheDayAfterItsStartWithinDays() {
        // 1 January + 90 days = 31 March (2024 is a leap year): still in time; 1 April is late
        assertThat(signedOnly(LocalDate.of(2024, 3, 31))).isEqualTo(Reason.ON_TRACK);
        assertThat(signedOnly(LocalDate.of(2024, 4, 1))).isEqualTo(Reason.NOT_STARTED_IN_TIME);
        assertThat(Reason.NOT_STARTED_IN_TIME.light()).isEqualTo(ProjectLight.RED);
        assertThat(signedOnly(SIGNED)).isEqualTo(Reason.ON_TRACK);
    }

    @Test
    void aStartedProjectIsLateToCompleteAfterCompleteWithinDays() {
        LocalDate lastDay = STARTED.plusDays(730);
        // fully invested, so the investment rule cannot be what turns it
        assertThat(started(SIGNED_CENTS, lastDay)).isEqualTo(Reason.ON_TRACK);
        assertThat(started(SIGNED_CENTS, lastDay.plusDays(1))).isEqualTo(Reason.NOT_COMPLETED_IN_TIME);
    }

    @Test
    void investmentBehindIsStrictlyBelowTheElapsedShareLessTheLag() {
        // 146 of 730 days = 0.2 elapsed; 0.2 - 0.10 = 0.10 of 730 000 cents = 73 000 cents invested is exactly on the
        // line (not behind), one cent less is behind
        LocalDate on = STARTED.plusDays(146);
        assertThat(started(73_000, on)).isEqualTo(Reason.ON_TRACK);
        assertThat(started(72_999, on)).isEqualTo(Reason.INVESTMENT_BEHIND);
        assertThat(Reason.INVESTMENT_BEHIND.light()).isEqualTo(ProjectLight.YELLOW);
        // within the lag at the start nothing invested is fine: 73 days = 0.10 elapsed
        assertThat(started(0, STARTED.plusDays(73))).isEqualTo(Reason.ON_TRACK);
        assertThat(started(0, STARTED.plusDays(74))).isEqualTo(Reason.INVESTMENT_BEHIND);
    }

    @Test
    void theLagAndTheDaysComeFromThePlan() {
        ProjectRules strict = new ProjectRules(10, 100, BigDecimal.ZERO);
        assertThat(ProjectLights.judge(ProjectStage.SIGNED, SIGNED, null, 100L, 0, SIGNED.plusDays(11), strict))
                .isEqualTo(Reason.NOT_STARTED_IN_TIME);
        // 50 of 100 days, half invested: on the line; a cent less: behind
        assertThat(ProjectLights.judge(ProjectStage.STARTED, SIGNED, STARTED, 100L, 50, STARTED.plusDays(50), strict))
                .isEqualTo(Reason.ON_TRACK);
        assertThat(ProjectLights.judge(ProjectStage.STARTED, SIGNED, STARTED, 100L, 49, STARTED.plusDays(50), strict))
                .isEqualTo(Reason.INVESTMENT_BEHIND);
    }

    @Test
    void aCompletedProjectIsGreenWhateverItsDates() {
        Reason r = ProjectLights.judge(ProjectStage.COMPLETED, SIGNED, STARTED, SIGNED_CENTS, 0,
                STARTED.plusDays(5000), RULES);
        assertThat(r).isEqualTo(Reason.COMPLETED);
        assertThat(r.light()).isEqualTo(ProjectLight.GREEN);
    }

    @Test
    void aProjectNeverSignedIsRedWhateverItReached() {
        for (ProjectStage stage : new ProjectStage[] {null, ProjectStage.STARTED, ProjectStage.COMPLETED}) {
            Reason r = ProjectLights.judge(stage, null, stage == null ? null : STARTED, null, 500, STARTED, RULES);
            assertThat(r).isEqualTo(Reason.NOT_SIGNED);
            assertThat(r.light()).isEqualTo(ProjectLight.RED);
        }
    }
}
