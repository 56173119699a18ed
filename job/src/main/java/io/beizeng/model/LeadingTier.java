package io.beizeng.model;

/**
 * The leading-enterprise tiers, lowest first: an enterprise reaches a tier when its revenue over the 12 months ending
 * with a month reaches the plan's amount for it ({@code leadingTiers}). {@code NONE} marks a standing below every tier.
 */
public enum LeadingTier {
    NONE, REVENUE_OVER_5B, REVENUE_OVER_10B;

    /** Whether this standing counts for {@code tier}: the same tier or a higher one. */
    public boolean reaches(LeadingTier tier) {
        return tier != NONE && compareTo(tier) >= 0;
    }
}
