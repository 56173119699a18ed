package io.beizeng.config;

/** The plan indicators this job computes. */
public enum Indicator {
    /** Sum of {@code outputValue} of production events (a flow). */
    OUTPUT_VALUE,
    /** Sum of {@code revenue} of production events (a flow). */
    REVENUE
}
