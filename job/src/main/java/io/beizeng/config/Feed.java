package io.beizeng.config;

import io.beizeng.model.EnterpriseStatus;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import io.beizeng.model.LeadingTier;
import java.io.Serializable;

/** What feeds an indicator: how one record of its stream contributes to it. */
public sealed interface Feed extends Serializable
        permits Feed.Field, Feed.Investment, Feed.Status, Feed.Tier {

    /** A production event's amount in CNY: the JSON field {@code name}; an event without an optional one counts 0. */
    record Field(String name, boolean required) implements Feed {}

    /** An investment event's contribution to its month, in cents or as a count. */
    non-sealed interface Investment extends Feed {
        long of(InvestmentEvent event, long majorProjectThresholdCents);
    }

    /** Enterprises holding a registry status at the month end. */
    record Status(EnterpriseStatus status) implements Feed {}

    /** Enterprises whose trailing 12-month revenue reaches a leading tier (or a higher one) at the month end. */
    record Tier(LeadingTier tier) implements Feed {}

    static Field field(String name, boolean required) {
        return new Field(name, required);
    }

    static Status status(EnterpriseStatus status) {
        return new Status(status);
    }

    static Tier tier(LeadingTier tier) {
        return new Tier(tier);
    }

    /** The amount of an INVESTMENT_REPORTED event. */
    Investment INVESTED = (e, major) -> e.type() == InvestmentEventType.INVESTMENT_REPORTED ? e.amountCents() : 0;

    /** The amount of an INVESTMENT_REPORTED event in technical renovation. */
    Investment INVESTED_IN_RENOVATION = (e, major) ->
            e.type() == InvestmentEventType.INVESTMENT_REPORTED && e.techRenovation() ? e.amountCents() : 0;

    /** One for a project SIGNED at or above the plan's major project threshold. */
    Investment MAJOR_PROJECT_SIGNED = (e, major) ->
            e.type() == InvestmentEventType.SIGNED && e.amountCents() >= major ? 1 : 0;
}
