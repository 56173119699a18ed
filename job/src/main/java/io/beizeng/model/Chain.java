package io.beizeng.model;

/** The industry chains of the plan ("2121" formation). */
public enum Chain {
    HIGH_END_EQUIPMENT,
    HIGH_END_CHEMICALS,
    NEW_MATERIALS,
    NEW_ENERGY,
    NEW_MEDICINE,
    NEXT_GEN_IT,
    TRADITIONAL
}
