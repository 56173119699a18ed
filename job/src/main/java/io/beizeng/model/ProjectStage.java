package io.beizeng.model;

/** How far a key project has come: its latest milestone (investment events SIGNED, STARTED, COMPLETED). */
public enum ProjectStage {
    SIGNED,
    STARTED,
    COMPLETED
}
