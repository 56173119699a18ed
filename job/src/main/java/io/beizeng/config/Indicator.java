package io.beizeng.config;

/** The plan indicators this job computes, and where their figures come from. */
public enum Indicator {
    /** Sum of {@code outputValue} of production events. */
    OUTPUT_VALUE(Source.PRODUCTION),
    /** Sum of {@code revenue} of production events. */
    REVENUE(Source.PRODUCTION),
    /** Sum of {@code amount} of INVESTMENT_REPORTED events. */
    INDUSTRIAL_INVESTMENT(Source.INVESTMENT),
    /** The same for projects with {@code techRenovation}; its plan may set a YoY growth floor. */
    TECH_RENOVATION_INVESTMENT(Source.INVESTMENT),
    /** Count of projects SIGNED with an amount at or above the plan's major project threshold. */
    MAJOR_PROJECTS(Source.INVESTMENT),
    /** Stock: enterprises above-scale at the month end (ABOVE_SCALE_ENTERED/EXITED, CLOSED), in their district then. */
    ABOVE_SCALE_ENTERPRISES(Source.REGISTRY),
    /** Stock: enterprises certified SPECIALIZED_SME at the month end. */
    SPECIALIZED_SMES(Source.REGISTRY),
    /** Stock: enterprises certified HIGH_TECH at the month end. */
    HIGH_TECH_ENTERPRISES(Source.REGISTRY),
    /** Stock: listed enterprises (LISTED, until CLOSED) at the month end. */
    LISTED_ENTERPRISES(Source.REGISTRY),
    /** Stock: enterprises whose trailing 12-month revenue is at or above the lower leading tier (5 billion). */
    REVENUE_OVER_5B(Source.LEADING),
    /** Stock: enterprises whose trailing 12-month revenue is at or above the upper leading tier (10 billion). */
    REVENUE_OVER_10B(Source.LEADING);

    /**
     * The input stream an indicator is computed from; REGISTRY and LEADING indicators are month-end stocks (LEADING:
     * from each enterprise's trailing 12-month revenue).
     */
    public enum Source { PRODUCTION, INVESTMENT, REGISTRY, LEADING }

    /** A stock (a count at the month end), not a flow over the month. */
    public boolean isStock() {
        return source == Source.REGISTRY || source == Source.LEADING;
    }

    private final Source source;

    Indicator(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }

    /**
     * Targets given as a count per district (annualTargets), not as baseline × multiplier: projects per year, or
     * leading enterprises to have at any time.
     */
    public boolean hasAnnualCountTargets() {
        return this == MAJOR_PROJECTS || source == Source.LEADING;
    }
}
