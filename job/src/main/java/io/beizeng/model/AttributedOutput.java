package io.beizeng.model;

/** A production event attributed to the registry version of its enterprise valid at its event time. */
public record AttributedOutput(
        String enterpriseId,
        String districtCode,
        String townCode,
        Chain chain,
        String parkId,
        long ts,
        long outputValueCents,
        long revenueCents) {}
