package io.beizeng.model;

/** The industry chains of the plan ("2121" formation), with their Chinese names. */
public enum Chain {
    HIGH_END_EQUIPMENT("高端装备"),
    HIGH_END_CHEMICALS("高端化工"),
    NEW_MATERIALS("新材料"),
    NEW_ENERGY("新能源"),
    NEW_MEDICINE("新医药"),
    NEXT_GEN_IT("新一代信息技术"),
    TRADITIONAL("传统产业");

    private final String nameZh;

    Chain(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
