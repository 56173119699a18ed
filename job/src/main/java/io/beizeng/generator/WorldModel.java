package io.beizeng.generator;

/**
 * The generator's world in one page: every number that shapes the synthetic city. Read this file to know what the
 * demo and the load tests feed the job; change a number here to change the world.
 *
 * <h2>Enterprises</h2>
 * About {@value #DEFAULT_ENTERPRISES} above-scale industrial enterprises. Each belongs to a district (drawn in
 * proportion to the district's OUTPUT_VALUE baseline in the plan), a town of that district, an industry chain
 * ({@link #CHAIN_WEIGHTS}), and with probability {@value #PARK_SHARE} an industrial park. Sizes follow a Pareto law
 * with shape {@value #PARETO_SHAPE}: a few very large enterprises and a long tail of small ones. Sizes are then
 * scaled so that each district's enterprises together produce the district's baseline in the baseline year: the
 * plan's sample figures and the generated data agree.
 *
 * <h2>Output over time</h2>
 * Each district grows at its own rate, spread evenly from {@value #GROWTH_SLOWEST} to {@value #GROWTH_FASTEST} a
 * year (doubling in four years needs 18.9 %), so some districts are AHEAD of the plan and some BEHIND. Months follow
 * {@link #SEASON}: the Chinese New Year dip in January and February, the year-end push in December. Each report
 * varies by ±{@value #REPORT_NOISE} around its expected value. Revenue is output times a factor between
 * {@value #REVENUE_FACTOR_MIN} and {@value #REVENUE_FACTOR_MAX}; taxes paid are {@value #TAX_SHARE_OF_REVENUE} of
 * revenue; electricity is {@value #KWH_PER_YUAN} kWh per yuan.
 *
 * <h2>Registry dynamics (probability per enterprise per year)</h2>
 * Newcomers: {@value #NEWCOMER_SHARE} of enterprises register during the plan period rather than before it.
 * Relocation to another district {@value #RELOCATION}; leaving above-scale {@value #ABOVE_SCALE_EXIT}; closing
 * {@value #CLOSURE}; certified as specialised SME {@value #CERTIFY_SME} or high-tech {@value #CERTIFY_HIGH_TECH};
 * decertified {@value #DECERTIFY}; listed {@value #LISTING}.
 *
 * <h2>Investment</h2>
 * {@value #PROJECTS_PER_DISTRICT_YEAR} projects are signed per district a year, sized log-normally around
 * {@value #PROJECT_MEDIAN_YUAN} yuan; {@value #MAJOR_PROJECT_SHARE} of them are major projects of 5 to 12 billion.
 * A signed project reports investment every month for {@value #PROJECT_MONTHS} months; {@value #TECH_RENOVATION_SHARE}
 * are technical renovation. Its course ({@link #projectCourse}) is drawn from its id, not from the world's random
 * stream: it starts 15 to 124 days after signing (a third start later than the plan's 90 days; one in twelve never
 * starts), builds for 400 to 819 days (some longer than 730), and one in five stalls: it reports for 6 months only
 * and never completes.
 *
 * <h2>Data quality (defaults; each is a command-line option)</h2>
 * {@value #ADJUSTMENT_RATE} of reports are followed early next month by an ADJUSTMENT of up to ±5 % of the month;
 * {@value #DUPLICATE_RATE} of records are sent twice; {@value #LATE_RATE} of production reports arrive 70 to 100 days
 * late (the job rejects them as LATE); {@value #MALFORMED_RATE} of records are malformed in one of the ways listed
 * in {@link MalformedKind}.
 */
public final class WorldModel {
    public static final int DEFAULT_ENTERPRISES = 2500;
    public static final double PARETO_SHAPE = 1.16;
    public static final double PARK_SHARE = 0.25;
    public static final int TOWNS_PER_DISTRICT = 9;

    /** Chains in the order of {@link io.beizeng.model.Chain}: equipment, chemicals, materials, energy, medicine, IT, traditional. */
    public static final double[] CHAIN_WEIGHTS = {0.20, 0.18, 0.12, 0.10, 0.07, 0.05, 0.28};

    public static final double GROWTH_SLOWEST = 0.06;
    public static final double GROWTH_FASTEST = 0.30;
    /** Relative output by calendar month, January first; averages 1. */
    public static final double[] SEASON = {0.84, 0.66, 1.00, 1.00, 1.01, 1.04, 0.97, 0.96, 1.03, 0.99, 1.08, 1.42};
    public static final double REPORT_NOISE = 0.10;
    public static final double REVENUE_FACTOR_MIN = 1.02;
    public static final double REVENUE_FACTOR_MAX = 1.10;
    public static final double TAX_SHARE_OF_REVENUE = 0.04;
    public static final double KWH_PER_YUAN = 0.12;

    public static final double NEWCOMER_SHARE = 0.06;
    public static final double RELOCATION = 0.01;
    public static final double ABOVE_SCALE_EXIT = 0.02;
    public static final double CLOSURE = 0.004;
    public static final double CERTIFY_SME = 0.03;
    public static final double CERTIFY_HIGH_TECH = 0.02;
    public static final double DECERTIFY = 0.005;
    public static final double LISTING = 0.002;

    public static final int PROJECTS_PER_DISTRICT_YEAR = 12;
    public static final double PROJECT_MEDIAN_YUAN = 3.0e8;
    public static final double MAJOR_PROJECT_SHARE = 0.05;
    public static final int PROJECT_MONTHS = 18;
    public static final double TECH_RENOVATION_SHARE = 0.30;

    /**
     * A project's course from its id: {days from signing to start or -1 (never starts), days from start to completion
     * or -1 (never completes), months it reports investment for}. Drawn from the id so that the milestones draw
     * nothing from the world's random stream.
     */
    public static int[] projectCourse(String projectId) {
        long h = projectId.hashCode() & 0x7fffffffL;
        boolean neverStarts = h / 7 % 12 == 0;
        boolean stalls = h / 46_200 % 5 == 0;
        int startDelay = neverStarts ? -1 : 15 + (int) (h % 110);
        int buildDays = stalls ? -1 : 400 + (int) (h / 110 % 420);
        return new int[] {startDelay, buildDays, stalls ? 6 : PROJECT_MONTHS};
    }

    public static final double ADJUSTMENT_RATE = 0.01;
    public static final double DUPLICATE_RATE = 0.005;
    public static final double LATE_RATE = 0.0005;
    public static final double MALFORMED_RATE = 0.001;

    /** The ways a record is malformed; each breaks the topic's JSON Schema. */
    public enum MalformedKind {
        TRUNCATED_JSON, RANDOM_BYTES, WRONG_TYPE, TIMESTAMP_WITHOUT_OFFSET, THREE_FRACTION_DIGITS, UNKNOWN_KIND,
        NEGATIVE_OUTPUT, JSON_ARRAY
    }

    private WorldModel() {}

    /** Season factor of a month (1–12), normalised so the year averages exactly 1. */
    public static double season(int month) {
        double sum = 0;
        for (double s : SEASON) {
            sum += s;
        }
        return SEASON[month - 1] * 12 / sum;
    }
}
