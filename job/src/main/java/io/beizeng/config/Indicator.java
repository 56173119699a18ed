package io.beizeng.config;

import io.beizeng.model.EnterpriseStatus;
import io.beizeng.model.LeadingTier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The plan indicators this job computes, each declared once: its kind, the stream and field that feed it, the form
 * of its targets and its unit. Everything else — parsing, the amounts an event carries, window sums and labels,
 * serializers, rows, the reference computation of the tests — loops over these declarations.
 */
public enum Indicator {
    OUTPUT_VALUE(Kind.FLOW, Source.PRODUCTION, Targets.GROWTH, Unit.CNY, Feed.field("outputValue", true)),
    REVENUE(Kind.FLOW, Source.PRODUCTION, Targets.GROWTH, Unit.CNY, Feed.field("revenue", true)),
    TAX_PAID(Kind.FLOW, Source.PRODUCTION, Targets.GROWTH, Unit.CNY, Feed.field("taxPaid", false)),
    INDUSTRIAL_INVESTMENT(Kind.FLOW, Source.INVESTMENT, Targets.GROWTH, Unit.CNY, Feed.INVESTED),
    /** The part of industrial investment in technical renovation; its plan may set a YoY growth floor. */
    TECH_RENOVATION_INVESTMENT(Kind.FLOW, Source.INVESTMENT, Targets.GROWTH, Unit.CNY, Feed.INVESTED_IN_RENOVATION),
    MAJOR_PROJECTS(Kind.COUNT, Source.INVESTMENT, Targets.COUNTS, Unit.PROJECTS, Feed.MAJOR_PROJECT_SIGNED),
    ABOVE_SCALE_ENTERPRISES(Kind.STOCK, Source.REGISTRY, Targets.GROWTH, Unit.ENTERPRISES,
            Feed.status(EnterpriseStatus.ABOVE_SCALE)),
    SPECIALIZED_SMES(Kind.STOCK, Source.REGISTRY, Targets.GROWTH, Unit.ENTERPRISES,
            Feed.status(EnterpriseStatus.SPECIALIZED_SME)),
    HIGH_TECH_ENTERPRISES(Kind.STOCK, Source.REGISTRY, Targets.GROWTH, Unit.ENTERPRISES,
            Feed.status(EnterpriseStatus.HIGH_TECH)),
    LISTED_ENTERPRISES(Kind.STOCK, Source.REGISTRY, Targets.GROWTH, Unit.ENTERPRISES,
            Feed.status(EnterpriseStatus.LISTED)),
    REVENUE_OVER_5B(Kind.STOCK, Source.LEADING, Targets.COUNTS, Unit.ENTERPRISES,
            Feed.tier(LeadingTier.REVENUE_OVER_5B)),
    REVENUE_OVER_10B(Kind.STOCK, Source.LEADING, Targets.COUNTS, Unit.ENTERPRISES,
            Feed.tier(LeadingTier.REVENUE_OVER_10B));

    /** How a month's value is formed. */
    public enum Kind {
        /** The sum of the month's amounts. */
        FLOW,
        /** The number of the month's events that count. */
        COUNT,
        /** A count at the month's end. */
        STOCK
    }

    /**
     * The stream an indicator is computed from; REGISTRY and LEADING indicators are month-end stocks (LEADING: from
     * each enterprise's trailing 12-month revenue).
     */
    public enum Source { PRODUCTION, INVESTMENT, REGISTRY, LEADING }

    /** The form of an indicator's targets in the plan. */
    public enum Targets {
        /** Baselines per district and a multiplier: the target is baseline × multiplier. */
        GROWTH,
        /** A count per district (annualTargets): projects to land each year, or enterprises to have at any time. */
        COUNTS
    }

    /** The unit of a value, and the decimal scale its sums are kept in (cents for CNY). */
    public enum Unit {
        CNY(2), PROJECTS(0), ENTERPRISES(0);

        private final int scale;

        Unit(int scale) {
            this.scale = scale;
        }

        /** Fraction digits of the integer sums (2: cents). */
        public int scale() {
            return scale;
        }
    }

    private final Kind kind;
    private final Source source;
    private final Targets targets;
    private final Unit unit;
    private final Feed feed;

    Indicator(Kind kind, Source source, Targets targets, Unit unit, Feed feed) {
        this.kind = kind;
        this.source = source;
        this.targets = targets;
        this.unit = unit;
        this.feed = feed;
    }

    public Kind kind() {
        return kind;
    }

    public Source source() {
        return source;
    }

    public Unit unit() {
        return unit;
    }

    public Feed feed() {
        return feed;
    }

    /** A stock (a count at the month end), not a flow over the month. */
    public boolean isStock() {
        return kind == Kind.STOCK;
    }

    /** Targets given as a count per district (annualTargets), not as baseline × multiplier. */
    public boolean hasAnnualCountTargets() {
        return targets == Targets.COUNTS;
    }

    /**
     * The position of this indicator among the measures of its source: the index of its amount in an event's
     * amounts (production), of its sum in a window's sums, of its bit among the stocks (registry).
     */
    public int slot() {
        return Measures.SLOTS[ordinal()];
    }

    /** The indicators a source feeds, in declaration order: the slots of its events' amounts and sums. */
    public static List<Indicator> measuresOf(Source source) {
        return Measures.BY_SOURCE.get(source);
    }

    /** Slots, computed once all constants exist. */
    private static final class Measures {
        static final Map<Source, List<Indicator>> BY_SOURCE = new EnumMap<>(Source.class);
        static final int[] SLOTS = new int[values().length];

        static {
            for (Source s : Source.values()) {
                BY_SOURCE.put(s, new ArrayList<>());
            }
            for (Indicator i : values()) {
                List<Indicator> of = BY_SOURCE.get(i.source);
                SLOTS[i.ordinal()] = of.size();
                of.add(i);
            }
            BY_SOURCE.replaceAll((s, list) -> List.copyOf(list));
        }
    }
}
