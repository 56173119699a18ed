package io.beizeng.model;

/** The registry statuses whose holders are counted at month ends (the stock indicators). */
public enum EnterpriseStatus {
    ABOVE_SCALE, SPECIALIZED_SME, HIGH_TECH, LISTED;

    /** This status's bit in a set of statuses held (an int). */
    public int bit() {
        return 1 << ordinal();
    }
}
