package io.beizeng.model;

public enum Certification {
    SPECIALIZED_SME,
    HIGH_TECH
}
