package io.beizeng.model;

public enum EnterpriseEventType {
    REGISTERED,
    UPDATED,
    ABOVE_SCALE_ENTERED,
    ABOVE_SCALE_EXITED,
    CERTIFIED,
    DECERTIFIED,
    LISTED,
    CLOSED
}
