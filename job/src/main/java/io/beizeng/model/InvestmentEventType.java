package io.beizeng.model;

public enum InvestmentEventType {
    SIGNED,
    STARTED,
    COMPLETED,
    INVESTMENT_REPORTED
}
