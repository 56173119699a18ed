package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * When a key project's light turns (plan field {@code projectRules}): a project signed and not started within
 * {@code startWithinDays}, or started and not completed within {@code completeWithinDays}, is RED; a started project
 * whose invested share of its signed amount trails the share of its completion time elapsed by more than
 * {@code investedShareLag} is YELLOW.
 */
public record ProjectRules(int startWithinDays, int completeWithinDays, BigDecimal investedShareLag)
        implements Serializable {

    public static final ProjectRules DEFAULTS = new ProjectRules(90, 730, new BigDecimal("0.10"));
}
