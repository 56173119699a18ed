package io.beizeng.model;

import java.util.Objects;

/**
 * Where a sum belongs: a region (a district, or a town) and, for production, the chain and park of its enterprises at
 * event time (null: not broken down, or no park). A key of windows and state.
 */
public record Cell(String region, Chain chain, String parkId) {

    /** A whole region, not broken down. */
    public static Cell of(String region) {
        return new Cell(region, null, null);
    }

    /** Stable across JVMs (keys are hashed to key groups on every TaskManager alike): an enum's own hash is not. */
    @Override
    public int hashCode() {
        return (Objects.hashCode(region) * 31 + (chain == null ? 0 : chain.name().hashCode())) * 31
                + Objects.hashCode(parkId);
    }
}
