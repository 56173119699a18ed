package io.beizeng.model;

/**
 * A key project's light on the screen, and why ({@link Reason}): GREEN on track, YELLOW its investment trails its
 * time, RED late to start or to complete, or never signed.
 */
public enum ProjectLight {
    GREEN,
    YELLOW,
    RED;

    public enum Reason {
        /** Completed: always GREEN. */
        COMPLETED(GREEN),
        /** Signed, or started, and within the rules. */
        ON_TRACK(GREEN),
        /** Started, and its invested share trails the share of its completion time elapsed by more than the lag. */
        INVESTMENT_BEHIND(YELLOW),
        /** Signed and not started within the plan's startWithinDays. */
        NOT_STARTED_IN_TIME(RED),
        /** Started and not completed within the plan's completeWithinDays. */
        NOT_COMPLETED_IN_TIME(RED),
        /** Events of a project that has no SIGNED event: kept, shown, and RED until its signing arrives. */
        NOT_SIGNED(RED);

        private final ProjectLight light;

        Reason(ProjectLight light) {
            this.light = light;
        }

        public ProjectLight light() {
            return light;
        }
    }
}
