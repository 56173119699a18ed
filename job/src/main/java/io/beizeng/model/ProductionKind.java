package io.beizeng.model;

public enum ProductionKind {
    /** Output and revenue of an interval; never negative. */
    OUTPUT,
    /** A correction of earlier figures; may be negative. */
    ADJUSTMENT
}
