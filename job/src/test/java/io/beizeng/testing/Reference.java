package io.beizeng.testing;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.TestWorld.Expect;
import io.beizeng.testing.TestWorld.Production;
import io.beizeng.testing.TestWorld.Record;
import io.beizeng.testing.TestWorld.Registry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent reference computation of the job's results for a {@link TestWorld}: written from the contract
 * (the issue text), straightforwardly and slowly, sharing no code with the job. What a record is comes from the
 * world's facts, not from parsing.
 */
public final class Reference {
    private static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** One expected row of district_progress; doubles compared with a tolerance. */
    public record ProgressRow(String regionCode, String regionLevel, String indicator, int year, int month,
            BigDecimal monthValue, BigDecimal ytdValue, BigDecimal priorYtdValue, Double yoyGrowth,
            BigDecimal rolling12Value, BigDecimal baselineValue, BigDecimal targetValue, BigDecimal annualTarget,
            double timeProgress, Double completionRatio, Double doublingProgress, String status, Integer rank,
            BigDecimal ytdPerCapita) {
        public String key() {
            return regionCode + "|" + indicator + "|" + year + "|" + month;
        }
    }

    public record Audit(long received, long accepted, long duplicates, long rejected) {}

    public final Map<String, ProgressRow> progress = new TreeMap<>();
    public final Map<String, Audit> audit = new TreeMap<>();
    /** "source|position" → reason. */
    public final Map<String, String> rejected = new TreeMap<>();

    /** The production indicators and the JSON fields that feed them, as their declarations name them. */
    private static final List<Indicator> PRODUCTION_MEASURES = Indicator.measuresOf(Indicator.Source.PRODUCTION);

    private static String field(Indicator measure) {
        return ((io.beizeng.config.Feed.Field) measure.feed()).name();
    }

    private final Plan plan;
    private final long maxOutOfOrdernessMs = DAY;
    private final long allowedLatenessMs = 35 * DAY;

    /**
     * @param partitions partitions per topic (records go to partitions by key, in stream order); 0 for replay
     *     from files (one sequence, positions file:line)
     */
    public Reference(Plan plan, TestWorld world, int partitions) {
        this.plan = plan;
        Map<String, List<Registry>> registry = new HashMap<>();
        List<Registry> acceptedRegistry = new ArrayList<>();
        for (Admitted a : admit(SourceTopic.ENTERPRISE, world.registry, partitions, false)) {
            acceptedRegistry.add((Registry) a.fact);
        }
        for (Registry r : acceptedRegistry) {
            registry.computeIfAbsent(r.enterpriseId(), k -> new ArrayList<>()).add(r);
        }
        count(SourceTopic.ENTERPRISE, acceptedRegistry.size());

        List<Admitted> productions = admit(SourceTopic.PRODUCTION, world.production, partitions, true);
        // per production indicator (its JSON field, as the indicator's declaration names it): by district, by
        // chain and by park, "group|year-month" → sum
        Map<Indicator, Map<String, BigDecimal>> byDistrict = new java.util.EnumMap<>(Indicator.class);
        Map<Indicator, Map<String, BigDecimal>> byChain = new java.util.EnumMap<>(Indicator.class);
        Map<Indicator, Map<String, BigDecimal>> byPark = new java.util.EnumMap<>(Indicator.class);
        for (Indicator measure : PRODUCTION_MEASURES) {
            byDistrict.put(measure, new HashMap<>());
            byChain.put(measure, new HashMap<>());
            byPark.put(measure, new HashMap<>());
        }
        Map<String, BigDecimal> townOutput = new HashMap<>();
        Map<String, BigDecimal> townKwh = new HashMap<>();
        Map<String, Set<String>> townReporters = new HashMap<>();
        Set<Integer> yearsWithEvents = new HashSet<>();
        YearMonth latest = null;
        long accepted = 0;
        for (Admitted a : productions) {
            Production p = (Production) a.fact;
            String[] profile = profileAt(registry.get(p.enterpriseId()), p.ts());
            String district = profile == null ? null : profile[0];
            if (district == null) {
                rejected.put(a.source.id() + "|" + a.position, "UNKNOWN_ENTERPRISE");
                continue;
            }
            accepted++;
            YearMonth ym = YearMonth.from(Instant.ofEpochMilli(p.ts()).atZone(plan.timezone()));
            for (Indicator measure : PRODUCTION_MEASURES) {
                BigDecimal amount = BigDecimal.valueOf(p.cents(field(measure)), 2);
                byDistrict.get(measure).merge(district + "|" + ym, amount, BigDecimal::add);
                byChain.get(measure).merge(profile[1] + "|" + ym, amount, BigDecimal::add);
                if (profile[2] != null) {
                    byPark.get(measure).merge(profile[2] + "|" + ym, amount, BigDecimal::add);
                }
            }
            long day = Instant.ofEpochMilli(p.ts()).atZone(plan.timezone()).toLocalDate().toEpochDay();
            String townDay = profile[3] + "|" + day;
            townOutput.merge(townDay, BigDecimal.valueOf(p.outputCents(), 2), BigDecimal::add);
            townKwh.merge(townDay, BigDecimal.valueOf(Math.abs(p.outputCents()) % 100_000).setScale(3), BigDecimal::add);
            townReporters.computeIfAbsent(townDay, k -> new HashSet<>()).add(p.enterpriseId());
            yearsWithEvents.add(ym.getYear());
            latest = latest == null || ym.isAfter(latest) ? ym : latest;
        }
        count(SourceTopic.PRODUCTION, accepted);
        List<Admitted> investments = admit(SourceTopic.INVESTMENT, world.investment, partitions, true);
        count(SourceTopic.INVESTMENT, investments.size());
        Map<String, BigDecimal> invested = new HashMap<>();
        Map<String, BigDecimal> techInvested = new HashMap<>();
        Map<String, BigDecimal> majorProjects = new HashMap<>();
        Set<Integer> investmentYears = new HashSet<>();
        long threshold = plan.majorProjectThreshold().movePointRight(2).longValueExact();
        for (Admitted a : investments) {
            TestWorld.Investment i = (TestWorld.Investment) a.fact;
            YearMonth ym = YearMonth.from(Instant.ofEpochMilli(i.ts()).atZone(plan.timezone()));
            String k = i.district() + "|" + ym;
            if (i.type().equals("INVESTMENT_REPORTED")) {
                invested.merge(k, BigDecimal.valueOf(i.amountCents(), 2), BigDecimal::add);
                if (i.techRenovation()) {
                    techInvested.merge(k, BigDecimal.valueOf(i.amountCents(), 2), BigDecimal::add);
                }
            }
            if (i.type().equals("SIGNED") && i.amountCents() >= threshold) {
                majorProjects.merge(k, BigDecimal.ONE, BigDecimal::add);
            }
            investmentYears.add(ym.getYear());
            latest = latest == null || ym.isAfter(latest) ? ym : latest;
        }

        projects(investments);
        towns(townOutput, townKwh, townReporters);
        leading(productions, registry, latest);
        if (latest != null) {
            stocks(acceptedRegistry, latest);
            chainsAndParks(byChain, byPark, yearsWithEvents, latest);
            for (YearMonth ym = YearMonth.of(plan.baselineYear(), 1); !ym.isAfter(latest); ym = ym.plusMonths(1)) {
                for (Indicator measure : PRODUCTION_MEASURES) {
                    rows(measure.name(), byDistrict.get(measure), ym, yearsWithEvents.contains(ym.getYear() - 1));
                }
                rows("INDUSTRIAL_INVESTMENT", invested, ym, investmentYears.contains(ym.getYear() - 1));
                rows("TECH_RENOVATION_INVESTMENT", techInvested, ym, investmentYears.contains(ym.getYear() - 1));
                rows("MAJOR_PROJECTS", majorProjects, ym, investmentYears.contains(ym.getYear() - 1));
            }
        }
        computeAlerts();
        computeAssessment();
    }

    private record Admitted(SourceTopic source, String position, Object fact) {}

    private final Map<SourceTopic, long[]> counts = new HashMap<>(); // duplicates, rejected

    private void count(SourceTopic source, long accepted) {
        long[] c = counts.getOrDefault(source, new long[2]);
        long rejectedCount = rejected.keySet().stream().filter(k -> k.startsWith(source.id() + "|")).count();
        audit.put(source.id(), new Audit(accepted + c[0] + rejectedCount, accepted, c[0], rejectedCount));
    }

    /** Parse outcome, lateness per partition, dedupe by eventId: the events that reach the computation. */
    private List<Admitted> admit(SourceTopic source, List<Record> records, int partitions, boolean monthLateness) {
        Map<Integer, Integer> nextOffset = new HashMap<>();
        Map<Integer, Long> maxTs = new HashMap<>();
        Map<String, Object> firstById = new HashMap<>();
        Map<String, Long> firstTsById = new HashMap<>();
        List<Admitted> out = new ArrayList<>();
        long duplicates = 0;
        int line = 0;
        for (Record r : records) {
            String position;
            int partition = partitions == 0 ? 0 : TestWorld.partition(r.key(), partitions);
            if (partitions == 0) {
                position = source.fileName() + ":" + (++line);
            } else {
                int offset = nextOffset.merge(partition, 1, Integer::sum) - 1;
                position = partition + ":" + offset;
            }
            String key = source.id() + "|" + position;
            if (r.expect() != Expect.VALID) {
                rejected.put(key, r.expect().name());
                continue;
            }
            long ts = tsOf(r.fact());
            long watermark = maxTs.containsKey(partition) ? maxTs.get(partition) - maxOutOfOrdernessMs - 1 : Long.MIN_VALUE;
            maxTs.merge(partition, ts, Math::max);
            if (monthLateness && monthEndOf(ts) - 1 + allowedLatenessMs <= watermark) {
                rejected.put(key, "LATE");
                continue;
            }
            // an id expires once the watermark of its record's partition reaches first ts + horizon (7 days)
            String id = eventIdOf(r.fact());
            Object first = firstById.get(id);
            if (first != null && firstTsById.get(id) + 7 * DAY <= watermark) {
                first = null;
            }
            if (first == null) {
                firstById.put(id, r.fact());
                firstTsById.put(id, ts);
                out.add(new Admitted(source, position, r.fact()));
            } else if (first.equals(r.fact())) {
                duplicates++;
            } else {
                rejected.put(key, "DUPLICATE_CONFLICT");
            }
        }
        counts.put(source, new long[] {duplicates, 0});
        return out;
    }

    private long monthEndOf(long ts) {
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(plan.timezone());
        return LocalDate.of(t.getYear(), t.getMonthValue(), 1).plusMonths(1).atStartOfDay(plan.timezone())
                .toInstant().toEpochMilli();
    }

    private static long tsOf(Object fact) {
        if (fact instanceof Production p) {
            return p.ts();
        }
        if (fact instanceof Registry r) {
            return r.ts();
        }
        return ((TestWorld.Investment) fact).ts();
    }

    private static String eventIdOf(Object fact) {
        if (fact instanceof Production p) {
            return p.eventId();
        }
        if (fact instanceof Registry r) {
            return r.eventId();
        }
        return ((TestWorld.Investment) fact).eventId();
    }

    /**
     * District, chain and park of the registry version valid at ts: all REGISTERED/UPDATED with ts' ≤ ts, by (ts,
     * eventId); null without district and chain.
     */
    private static String[] profileAt(List<Registry> changes, long ts) {
        if (changes == null) {
            return null;
        }
        List<Registry> applicable = new ArrayList<>();
        for (Registry r : changes) {
            if (r.ts() <= ts && (r.type().equals("REGISTERED") || r.type().equals("UPDATED"))) {
                applicable.add(r);
            }
        }
        applicable.sort(Comparator.comparingLong(Registry::ts).thenComparing(Registry::eventId));
        String district = null;
        String chain = null;
        String park = null;
        String town = null;
        for (Registry r : applicable) {
            if (r.type().equals("REGISTERED")) {
                district = r.district();
                chain = r.chain();
                park = r.park();
                town = "T-" + r.district(); // the test world's REGISTERED events carry townCode T-<district>
            } else {
                district = r.district() != null ? r.district() : district;
                chain = r.chain() != null ? r.chain() : chain;
                park = r.park() != null ? r.park() : park;
                town = r.town() != null ? r.town() : town;
            }
        }
        return district != null && chain != null ? new String[] {district, chain, park, town} : null;
    }

    private void rows(String indicator, Map<String, BigDecimal> values, YearMonth ym, boolean hasPrior) {
        var ip = plan.indicators().get(io.beizeng.config.Indicator.valueOf(indicator));
        if (ip == null) {
            return;
        }
        Map<String, BigDecimal[]> figures = new LinkedHashMap<>(); // month, ytd, prior, rolling, baseline
        BigDecimal[] city = {zero(), zero(), zero(), zero(), zero()};
        for (Region d : plan.districts()) {
            BigDecimal month = value(values, d.code(), ym);
            BigDecimal ytd = zero();
            BigDecimal prior = zero();
            for (int m = 1; m <= ym.getMonthValue(); m++) {
                ytd = ytd.add(value(values, d.code(), YearMonth.of(ym.getYear(), m)));
                prior = prior.add(value(values, d.code(), YearMonth.of(ym.getYear() - 1, m)));
            }
            BigDecimal rolling = zero();
            for (int k = 0; k < 12; k++) {
                rolling = rolling.add(value(values, d.code(), ym.minusMonths(k)));
            }
            BigDecimal baseline = ip.baselines() == null ? zero() : ip.baselines().get(d.code());
            figures.put(d.code(), new BigDecimal[] {month, ytd, prior, rolling, baseline});
            for (int i = 0; i < 5; i++) {
                city[i] = city[i].add(figures.get(d.code())[i]);
            }
        }
        Map<String, BigDecimal> completion = new HashMap<>();
        Map<String, BigDecimal[]> targets = new HashMap<>();
        for (var e : figures.entrySet()) {
            BigDecimal[] t = ip.annualTargets() != null ? new BigDecimal[] {ip.annualTargets().get(e.getKey()), null}
                    : growthTargets(ip, e.getKey(), e.getValue()[4], ym.getYear());
            targets.put(e.getKey(), t);
            completion.put(e.getKey(), e.getValue()[1].divide(t[0], MC));
        }
        targets.put(plan.city().code(), ip.annualTargets() != null
                ? new BigDecimal[] {ip.annualTargets().values().stream().reduce(zero(), BigDecimal::add), null}
                : growthTargets(ip, null, city[4], ym.getYear()));
        List<String> order = new ArrayList<>(figures.keySet());
        order.sort(Comparator.comparing((String c) -> completion.get(c)).reversed().thenComparing(c -> c));
        for (var e : figures.entrySet()) {
            add(indicator, ip, e.getKey(), "DISTRICT", ym, e.getValue(), targets.get(e.getKey()), hasPrior,
                    order.indexOf(e.getKey()) + 1);
        }
        add(indicator, ip, plan.city().code(), "CITY", ym, city, targets.get(plan.city().code()), hasPrior, null);
    }

    /** quarterly_assessment: "region|year|quarter|indicator" → weight, per capita, value, completion, time, score. */
    public final Map<String, List<Object>> assessment = new TreeMap<>();
    /** assessment_totals: "region|year|quarter" → total score, rank, grade, final. */
    public final Map<String, List<Object>> assessmentTotals = new TreeMap<>();
    /**
     * annual_review: "region|year" → per indicator of the plan, by name in order, its name, December completion and
     * doubling progress; then the Q4 total, rank, grade, rank change, final.
     */
    public final Map<String, List<Object>> reviews = new TreeMap<>();

    /**
     * The quarterly assessment and the annual review, from the progress rows of each quarter's last month, as the
     * contract says: score = 100 × min(YTD / (annual target × time progress), cap), or per capita 100 × min((YTD /
     * persons) / (city YTD / city persons), cap); total the weighted mean of the scores there are; rank by total,
     * ties by code; grade the first reached. A bounded run ends with every month final.
     */
    private void computeAssessment() {
        var a = plan.assessment();
        if (a == null) {
            return;
        }
        java.util.TreeSet<YearMonth> months = new java.util.TreeSet<>();
        for (ProgressRow r : progress.values()) {
            months.add(YearMonth.of(r.year(), r.month()));
        }
        Map<String, Integer> previousQ4 = new HashMap<>();
        for (YearMonth ym : months) {
            if (ym.getMonthValue() % 3 != 0) {
                continue;
            }
            int quarter = ym.getMonthValue() / 3;
            Map<String, BigDecimal> totals = new HashMap<>();
            for (Region d : plan.districts()) {
                BigDecimal weighted = BigDecimal.ZERO;
                BigDecimal weights = BigDecimal.ZERO;
                for (var e : a.indicators().entrySet()) {
                    ProgressRow row = progress.get(d.code() + "|" + e.getKey() + "|" + ym.getYear() + "|"
                            + ym.getMonthValue());
                    BigDecimal ratio;
                    BigDecimal value;
                    if (e.getValue().perCapita()) {
                        ProgressRow city = progress.get(plan.city().code() + "|" + e.getKey() + "|" + ym.getYear()
                                + "|" + ym.getMonthValue());
                        Long persons = persons(d.code(), ym.getYear());
                        Long cityPersons = persons(plan.city().code(), ym.getYear());
                        ratio = persons == null || cityPersons == null || city.ytdValue().signum() <= 0 ? null
                                : row.ytdValue().divide(BigDecimal.valueOf(persons), MC).divide(
                                        city.ytdValue().divide(BigDecimal.valueOf(cityPersons), MC), MC);
                        value = row.ytdPerCapita();
                    } else {
                        BigDecimal time = e.getKey().isStock() ? BigDecimal.ONE
                                : BigDecimal.valueOf(ym.getMonthValue()).divide(BigDecimal.valueOf(12), MC);
                        ratio = row.annualTarget().signum() == 0 ? null
                                : row.ytdValue().divide(row.annualTarget(), MC).divide(time, MC);
                        value = row.ytdValue();
                    }
                    BigDecimal score = ratio == null ? null : BigDecimal.valueOf(100).multiply(ratio.min(a.cap()));
                    assessment.put(d.code() + "|" + ym.getYear() + "|" + quarter + "|" + e.getKey(),
                            java.util.Arrays.asList(e.getValue().weight(), e.getValue().perCapita(), value,
                                    row.completionRatio(), row.timeProgress(),
                                    score == null ? null : score.doubleValue()));
                    if (score != null) {
                        weighted = weighted.add(e.getValue().weight().multiply(score));
                        weights = weights.add(e.getValue().weight());
                    }
                }
                totals.put(d.code(), weights.signum() == 0 ? null : weighted.divide(weights, MC));
            }
            List<String> order = new ArrayList<>(totals.keySet());
            order.sort(Comparator.comparing((String c) -> totals.get(c) == null ? 1 : 0)
                    .thenComparing((String c) -> totals.get(c) == null ? BigDecimal.ZERO : totals.get(c),
                            Comparator.reverseOrder())
                    .thenComparing(c -> c));
            Map<String, Integer> ranks = new HashMap<>();
            for (Region d : plan.districts()) {
                BigDecimal total = totals.get(d.code());
                String grade = null;
                if (total != null) {
                    for (var g : a.grades()) {
                        if (total.compareTo(g.minScore()) >= 0) {
                            grade = g.grade();
                            break;
                        }
                    }
                }
                int rank = order.indexOf(d.code()) + 1;
                ranks.put(d.code(), rank);
                assessmentTotals.put(d.code() + "|" + ym.getYear() + "|" + quarter, java.util.Arrays.asList(
                        total == null ? null : total.doubleValue(), rank, grade, true));
            }
            if (quarter == 4) {
                for (Region d : plan.districts()) {
                    List<Object> review = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    plan.indicators().keySet().forEach(i -> names.add(i.name()));
                    java.util.Collections.sort(names);
                    for (String indicator : names) {
                        ProgressRow row = progress.get(d.code() + "|" + indicator + "|" + ym.getYear() + "|12");
                        review.add(indicator);
                        review.add(row.completionRatio());
                        review.add(row.doublingProgress());
                    }
                    List<Object> total = assessmentTotals.get(d.code() + "|" + ym.getYear() + "|4");
                    Integer before = previousQ4.get(d.code());
                    int rank = (Integer) total.get(1);
                    review.addAll(java.util.Arrays.asList(total.get(0), rank, total.get(2),
                            before == null ? null : before - rank, true));
                    reviews.put(d.code() + "|" + ym.getYear(), review);
                }
                previousQ4 = ranks;
            }
        }
    }

    /** progress_alerts: alert id → kind, previous status, status. */
    public final Map<String, List<Object>> alerts = new TreeMap<>();

    /**
     * Alerts on the final months: each region and indicator's status against the previous month's, and districts
     * ranked last three months running (raised at the third).
     */
    public void computeAlerts() {
        Map<String, List<ProgressRow>> series = new TreeMap<>();
        for (ProgressRow r : progress.values()) {
            series.computeIfAbsent(r.regionCode() + "|" + r.indicator(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Integer> districts = new HashMap<>();
        for (ProgressRow r : progress.values()) {
            if (r.rank() != null) {
                districts.merge(r.indicator() + "|" + r.year() + "|" + r.month(), 1, Integer::sum);
            }
        }
        for (List<ProgressRow> rows : series.values()) {
            rows.sort(Comparator.comparingInt((ProgressRow r) -> r.year() * 12 + r.month()));
            String before = null;
            int streak = 0;
            for (ProgressRow r : rows) {
                String id = plan.planId() + "/" + r.regionCode() + "/" + r.indicator() + "/" + r.year() + "-"
                        + String.format("%02d", r.month()) + "/";
                if (before != null && !before.equals(r.status())) {
                    alerts.put(id + "STATUS_CHANGED", java.util.Arrays.asList("STATUS_CHANGED", before, r.status()));
                }
                if (r.rank() != null) {
                    boolean last = r.rank().equals(districts.get(r.indicator() + "|" + r.year() + "|" + r.month()));
                    streak = last ? streak + 1 : 0;
                    if (streak == 3) {
                        alerts.put(id + "LAST_THREE_MONTHS", java.util.Arrays.asList("LAST_THREE_MONTHS", before, r.status()));
                    }
                }
                before = r.status();
            }
        }
    }

    /** leading_enterprises rows: "enterprise|year|month" → district, trailing-12 revenue, tier. */
    public final Map<String, List<Object>> leading = new TreeMap<>();

    private void leading(List<Admitted> productions, Map<String, List<Registry>> registry, YearMonth latest) {
        Map<String, TreeMap<YearMonth, Long>> revenue = new HashMap<>();
        for (Admitted a : productions) {
            Production p = (Production) a.fact;
            if (profileAt(registry.get(p.enterpriseId()), p.ts()) == null) {
                continue; // rejected as UNKNOWN_ENTERPRISE
            }
            revenue.computeIfAbsent(p.enterpriseId(), k -> new TreeMap<>())
                    .merge(YearMonth.from(Instant.ofEpochMilli(p.ts()).atZone(plan.timezone())), p.cents("revenue"),
                            Long::sum);
        }
        long low = plan.leadingTiers().get(io.beizeng.model.LeadingTier.REVENUE_OVER_5B).movePointRight(2)
                .longValueExact();
        long high = plan.leadingTiers().get(io.beizeng.model.LeadingTier.REVENUE_OVER_10B).movePointRight(2)
                .longValueExact();
        Map<String, Map<YearMonth, int[]>> counts = new HashMap<>(); // district → month → {over5, over10}
        for (var e : revenue.entrySet()) {
            YearMonth firstMonth = e.getValue().firstKey();
            YearMonth lastMonth = e.getValue().lastKey().plusMonths(11);
            for (YearMonth ym = firstMonth; !ym.isAfter(lastMonth); ym = ym.plusMonths(1)) {
                long t12 = 0;
                for (int k = 0; k < 12; k++) {
                    t12 += e.getValue().getOrDefault(ym.minusMonths(k), 0L);
                }
                long end = ym.plusMonths(1).atDay(1).atStartOfDay(plan.timezone()).toInstant().toEpochMilli() - 1;
                String[] profile = profileAt(registry.get(e.getKey()), end);
                if (t12 < low || profile == null) {
                    continue;
                }
                String tier = t12 >= high ? "REVENUE_OVER_10B" : "REVENUE_OVER_5B";
                leading.put(e.getKey() + "|" + ym.getYear() + "|" + ym.getMonthValue(),
                        java.util.Arrays.asList(profile[0], BigDecimal.valueOf(t12, 2), tier));
                int[] c = counts.computeIfAbsent(profile[0], d -> new HashMap<>()).computeIfAbsent(ym, m -> new int[2]);
                c[0]++;
                if (t12 >= high) {
                    c[1]++;
                }
            }
        }
        if (latest == null) {
            return;
        }
        for (int k = 0; k < 2; k++) {
            String indicator = k == 0 ? "REVENUE_OVER_5B" : "REVENUE_OVER_10B";
            var ip = plan.indicators().get(io.beizeng.config.Indicator.valueOf(indicator));
            if (ip == null) {
                continue;
            }
            YearMonth firstNonZero = null;
            for (var d : counts.values()) {
                for (var m : d.entrySet()) {
                    if (m.getValue()[k] > 0 && (firstNonZero == null || m.getKey().isBefore(firstNonZero))) {
                        firstNonZero = m.getKey();
                    }
                }
            }
            for (YearMonth ym = YearMonth.of(plan.baselineYear(), 1); !ym.isAfter(latest); ym = ym.plusMonths(1)) {
                boolean hasPrior = firstNonZero != null && !ym.minusMonths(12).isBefore(firstNonZero);
                Map<String, BigDecimal[]> figures = new LinkedHashMap<>();
                BigDecimal[] city = {zero(), zero(), zero(), zero(), zero()};
                for (Region d : plan.districts()) {
                    BigDecimal level = leadingCount(counts, d.code(), ym, k);
                    BigDecimal prior = leadingCount(counts, d.code(), ym.minusMonths(12), k);
                    BigDecimal[] f = {level, level, prior, level, zero()};
                    figures.put(d.code(), f);
                    for (int i = 0; i < 4; i++) {
                        city[i] = city[i].add(f[i]);
                    }
                }
                List<String> order = new ArrayList<>(figures.keySet());
                order.sort(Comparator.comparing((String c) -> ip.annualTargets().get(c).signum() == 0 ? 1 : 0)
                        .thenComparing(Comparator.comparing((String c) -> ip.annualTargets().get(c).signum() == 0
                                ? BigDecimal.ZERO : figures.get(c)[0].divide(ip.annualTargets().get(c), MC)).reversed())
                        .thenComparing(c -> c));
                for (var e : figures.entrySet()) {
                    add(indicator, ip, e.getKey(), "DISTRICT", ym, e.getValue(),
                            new BigDecimal[] {ip.annualTargets().get(e.getKey()), null},
                            hasPrior, order.indexOf(e.getKey()) + 1);
                }
                add(indicator, ip, plan.city().code(), "CITY", ym, city,
                        new BigDecimal[] {ip.annualTargets().values().stream().reduce(zero(), BigDecimal::add), null},
                        hasPrior, null);
            }
        }
    }

    private static BigDecimal leadingCount(Map<String, Map<YearMonth, int[]>> counts, String district, YearMonth ym,
            int k) {
        int[] c = counts.getOrDefault(district, Map.of()).get(ym);
        return c == null ? zero() : BigDecimal.valueOf(c[k]).setScale(2);
    }

    /**
     * project_progress rows: "project" → district, chain, signed amount, major, signed at, started at, completed at,
     * invested, invested share, stage, light, reason, as-of day.
     */
    public final Map<String, List<Object>> projects = new TreeMap<>();
    /** project_months rows: "project|year|month" → district, stage, invested to date, share, light, reason, day. */
    public final Map<String, List<Object>> projectMonths = new TreeMap<>();

    /** Lights as of the latest investment event's day; each month as of its last day, the latest as of that day. */
    private void projects(List<Admitted> investments) {
        if (investments.isEmpty()) {
            return;
        }
        Map<String, List<TestWorld.Investment>> byProject = new TreeMap<>();
        long latest = Long.MIN_VALUE;
        for (Admitted a : investments) {
            TestWorld.Investment i = (TestWorld.Investment) a.fact;
            byProject.computeIfAbsent(i.projectId(), k -> new ArrayList<>()).add(i);
            latest = Math.max(latest, i.ts());
        }
        LocalDate asOf = dayOf(latest);
        for (var e : byProject.entrySet()) {
            List<TestWorld.Investment> events = e.getValue();
            events.sort(Comparator.comparingLong(TestWorld.Investment::ts).thenComparing(TestWorld.Investment::eventId));
            List<Object> now = project(events, Long.MAX_VALUE, asOf);
            projects.put(e.getKey(), now);
            YearMonth last = YearMonth.from(asOf);
            for (YearMonth ym = YearMonth.from(dayOf(events.get(0).ts())); !ym.isAfter(last); ym = ym.plusMonths(1)) {
                long end = ym.plusMonths(1).atDay(1).atStartOfDay(plan.timezone()).toInstant().toEpochMilli();
                LocalDate on = ym.atEndOfMonth().isBefore(asOf) ? ym.atEndOfMonth() : asOf;
                List<Object> then = project(events, end, on);
                projectMonths.put(e.getKey() + "|" + ym.getYear() + "|" + ym.getMonthValue(), java.util.Arrays.asList(
                        then.get(0), then.get(9), then.get(7), then.get(8), then.get(10), then.get(11),
                        on.toEpochDay()));
            }
        }
    }

    private LocalDate dayOf(long ts) {
        return Instant.ofEpochMilli(ts).atZone(plan.timezone()).toLocalDate();
    }

    /** A project_progress row from the events before {@code before}, judged on {@code on}. */
    private List<Object> project(List<TestWorld.Investment> events, long before, LocalDate on) {
        TestWorld.Investment signing = null;
        Long started = null;
        Long completed = null;
        long invested = 0;
        for (TestWorld.Investment i : events) {
            if (i.ts() >= before) {
                continue;
            }
            switch (i.type()) {
                case "SIGNED" -> signing = signing == null ? i : signing;
                case "STARTED" -> started = started == null ? i.ts() : started;
                case "COMPLETED" -> completed = completed == null ? i.ts() : completed;
                default -> invested += i.amountCents();
            }
        }
        String stage = completed != null ? "COMPLETED" : started != null ? "STARTED" : signing != null ? "SIGNED" : null;
        var rules = plan.projectRules();
        String reason;
        if (signing == null) {
            reason = "NOT_SIGNED";
        } else if (completed != null) {
            reason = "COMPLETED";
        } else if (started != null) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(dayOf(started), on);
            BigDecimal share = BigDecimal.valueOf(invested).divide(BigDecimal.valueOf(signing.amountCents()),
                    MathContext.DECIMAL128);
            BigDecimal due = BigDecimal.valueOf(days).divide(BigDecimal.valueOf(rules.completeWithinDays()),
                    MathContext.DECIMAL128).subtract(rules.investedShareLag());
            reason = days > rules.completeWithinDays() ? "NOT_COMPLETED_IN_TIME"
                    : share.compareTo(due) < 0 ? "INVESTMENT_BEHIND" : "ON_TRACK";
        } else {
            reason = java.time.temporal.ChronoUnit.DAYS.between(dayOf(signing.ts()), on) > rules.startWithinDays()
                    ? "NOT_STARTED_IN_TIME" : "ON_TRACK";
        }
        String light = switch (reason) {
            case "COMPLETED", "ON_TRACK" -> "GREEN";
            case "INVESTMENT_BEHIND" -> "YELLOW";
            default -> "RED";
        };
        TestWorld.Investment defining = signing != null ? signing : events.get(0);
        BigDecimal signed = signing == null ? null : BigDecimal.valueOf(signing.amountCents(), 2);
        return java.util.Arrays.asList(defining.district(), "NEW_ENERGY", signed,
                signed != null && signed.compareTo(plan.majorProjectThreshold()) >= 0,
                signing == null ? null : signing.ts(), started, completed, BigDecimal.valueOf(invested, 2),
                signed == null ? null : BigDecimal.valueOf(invested, 2).divide(signed, MathContext.DECIMAL64)
                        .doubleValue(),
                stage, light, reason, on.toEpochDay());
    }

    /** town_activity rows: "town|epochDay" → output, kWh, reporters, rank, week-ago output, change. */
    public final Map<String, List<Object>> towns = new TreeMap<>();

    private void towns(Map<String, BigDecimal> output, Map<String, BigDecimal> kwh, Map<String, Set<String>> reporters) {
        Map<Long, List<String>> byDay = new HashMap<>();
        for (String k : output.keySet()) {
            byDay.computeIfAbsent(Long.parseLong(k.substring(k.lastIndexOf('|') + 1)), d -> new ArrayList<>()).add(k);
        }
        for (var e : byDay.entrySet()) {
            List<String> keys = e.getValue();
            keys.sort(Comparator.comparing((String k) -> output.get(k)).reversed()
                    .thenComparing(k -> k.substring(0, k.lastIndexOf('|'))));
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                String town = k.substring(0, k.lastIndexOf('|'));
                BigDecimal before = output.get(town + "|" + (e.getKey() - 7));
                towns.put(k, java.util.Arrays.asList(output.get(k), kwh.get(k), (long) reporters.get(k).size(), i + 1,
                        before, growth(output.get(k), before)));
            }
        }
    }

    /** chain_progress and park_progress rows, keyed like the tables. */
    public final Map<String, List<Object>> chains = new TreeMap<>();
    public final Map<String, List<Object>> parks = new TreeMap<>();

    private void chainsAndParks(Map<Indicator, Map<String, BigDecimal>> byChain,
            Map<Indicator, Map<String, BigDecimal>> byPark, Set<Integer> years, YearMonth latest) {
        for (YearMonth ym = YearMonth.of(plan.baselineYear(), 1); !ym.isAfter(latest); ym = ym.plusMonths(1)) {
            boolean hasPrior = years.contains(ym.getYear() - 1);
            for (Indicator indicator : plan.chainIndicators()) {
                for (io.beizeng.model.Chain chain : io.beizeng.model.Chain.values()) {
                    BigDecimal[] f = sums(byChain.get(indicator), chain.name(), ym);
                    BigDecimal prior = hasPrior ? f[2] : null;
                    BigDecimal target = indicator == plan.clusterIndicator() ? plan.clusterTargets().get(chain) : null;
                    chains.put(chain.name() + "|" + indicator + "|" + ym.getYear() + "|" + ym.getMonthValue(),
                            java.util.Arrays.asList(f[0], f[1], prior, growth(f[1], prior), f[3], target,
                                    target == null ? null : f[3].divide(target, MC).doubleValue()));
                }
            }
            for (Indicator indicator : PRODUCTION_MEASURES) {
                List<io.beizeng.config.ParkPlan> tracking = plan.parks().stream()
                        .filter(p -> p.targets().containsKey(indicator)).toList();
                Map<String, BigDecimal> completion = new HashMap<>();
                Map<String, BigDecimal> annuals = new HashMap<>();
                for (var park : tracking) {
                    var growth = park.targets().get(indicator);
                    BigDecimal annual = annualTarget(growth.baseline(), growth.multiplier(), ym.getYear());
                    annuals.put(park.id(), annual);
                    completion.put(park.id(), sums(byPark.get(indicator), park.id(), ym)[1].divide(annual, MC));
                }
                List<String> order = new ArrayList<>(completion.keySet());
                order.sort(Comparator.comparing((String c) -> completion.get(c)).reversed().thenComparing(c -> c));
                for (var park : tracking) {
                    var growth = park.targets().get(indicator);
                    BigDecimal[] f = sums(byPark.get(indicator), park.id(), ym);
                    BigDecimal prior = hasPrior ? f[2] : null;
                    BigDecimal target = growth.baseline().multiply(growth.multiplier()).setScale(2, RoundingMode.HALF_UP);
                    BigDecimal time = BigDecimal.valueOf(ym.getMonthValue()).divide(BigDecimal.valueOf(12), MC);
                    BigDecimal c = completion.get(park.id());
                    String status = c.compareTo(time.add(plan.statusTolerance())) > 0 ? "AHEAD"
                            : c.compareTo(time.subtract(plan.statusTolerance())) < 0 ? "BEHIND" : "ON_TRACK";
                    parks.put(park.id() + "|" + indicator + "|" + ym.getYear() + "|" + ym.getMonthValue(),
                            java.util.Arrays.asList(f[0], f[1], prior, growth(f[1], prior), f[3], growth.baseline(),
                                    target, annuals.get(park.id()), ym.getMonthValue() / 12.0, c.doubleValue(),
                                    f[3].subtract(growth.baseline()).divide(target.subtract(growth.baseline()), MC)
                                            .doubleValue(),
                                    status, order.indexOf(park.id()) + 1));
                }
            }
        }
    }

    /** month, YTD, prior YTD and rolling-12 sums of a group. */
    private static BigDecimal[] sums(Map<String, BigDecimal> values, String group, YearMonth ym) {
        BigDecimal month = value(values, group, ym);
        BigDecimal ytd = zero();
        BigDecimal prior = zero();
        for (int m = 1; m <= ym.getMonthValue(); m++) {
            ytd = ytd.add(value(values, group, YearMonth.of(ym.getYear(), m)));
            prior = prior.add(value(values, group, YearMonth.of(ym.getYear() - 1, m)));
        }
        BigDecimal rolling = zero();
        for (int k = 0; k < 12; k++) {
            rolling = rolling.add(value(values, group, ym.minusMonths(k)));
        }
        return new BigDecimal[] {month, ytd, prior, rolling};
    }

    private static Double growth(BigDecimal ytd, BigDecimal prior) {
        return prior == null || prior.signum() == 0 ? null : ytd.divide(prior, MC).subtract(BigDecimal.ONE).doubleValue();
    }

    private static final String[] STOCKS = {"ABOVE_SCALE_ENTERPRISES", "SPECIALIZED_SMES", "HIGH_TECH_ENTERPRISES",
        "LISTED_ENTERPRISES"};

    /**
     * Month-end stocks: for every month end, fold each enterprise's registry changes up to it and count it in its
     * district then; prior values a year earlier, from the first month the city's stock is not zero.
     */
    private void stocks(List<Registry> changes, YearMonth latest) {
        Map<String, List<Registry>> byEnterprise = new HashMap<>();
        long earliest = Long.MAX_VALUE;
        for (Registry r : changes) {
            byEnterprise.computeIfAbsent(r.enterpriseId(), k -> new ArrayList<>()).add(r);
            earliest = Math.min(earliest, r.ts());
        }
        byEnterprise.values().forEach(l -> l.sort(Comparator.comparingLong(Registry::ts).thenComparing(Registry::eventId)));
        YearMonth from = YearMonth.from(Instant.ofEpochMilli(earliest).atZone(plan.timezone()));
        Map<YearMonth, Map<String, int[]>> levels = new HashMap<>(); // month → district → count per stock
        for (YearMonth ym = from; !ym.isAfter(latest); ym = ym.plusMonths(1)) {
            long end = ym.plusMonths(1).atDay(1).atStartOfDay(plan.timezone()).toInstant().toEpochMilli() - 1;
            Map<String, int[]> counts = new HashMap<>();
            for (List<Registry> history : byEnterprise.values()) {
                String district = null;
                boolean[] flags = new boolean[4];
                boolean closed = false;
                for (Registry r : history) {
                    if (r.ts() > end) {
                        break;
                    }
                    switch (r.type()) {
                        case "REGISTERED", "UPDATED" -> district = r.district() != null ? r.district() : district;
                        case "ABOVE_SCALE_ENTERED" -> flags[0] = true;
                        case "ABOVE_SCALE_EXITED" -> flags[0] = false;
                        case "CERTIFIED", "DECERTIFIED" ->
                            flags["SPECIALIZED_SME".equals(r.certification()) ? 1 : 2] = r.type().equals("CERTIFIED");
                        case "LISTED" -> flags[3] = true;
                        case "CLOSED" -> closed = true;
                        default -> { }
                    }
                }
                if (district == null || closed) {
                    continue;
                }
                for (int k = 0; k < 4; k++) {
                    if (flags[k]) {
                        counts.computeIfAbsent(district, d -> new int[4])[k]++;
                    }
                }
            }
            levels.put(ym, counts);
        }
        for (int k = 0; k < 4; k++) {
            var ip = plan.indicators().get(io.beizeng.config.Indicator.valueOf(STOCKS[k]));
            if (ip == null) {
                continue;
            }
            YearMonth firstNonZero = null;
            for (YearMonth ym = from; !ym.isAfter(latest) && firstNonZero == null; ym = ym.plusMonths(1)) {
                final int kk = k;
                if (levels.get(ym).values().stream().mapToInt(c -> c[kk]).sum() != 0) {
                    firstNonZero = ym;
                }
            }
            for (YearMonth ym = YearMonth.of(plan.baselineYear(), 1); !ym.isAfter(latest); ym = ym.plusMonths(1)) {
                boolean hasPrior = firstNonZero != null && !ym.minusMonths(12).isBefore(firstNonZero);
                Map<String, BigDecimal[]> figures = new LinkedHashMap<>();
                BigDecimal[] city = {zero(), zero(), zero(), zero(), ip.cityBaseline()};
                Map<String, BigDecimal> completion = new HashMap<>();
                for (Region d : plan.districts()) {
                    BigDecimal level = level(levels, ym, d.code(), k);
                    BigDecimal prior = level(levels, ym.minusMonths(12), d.code(), k);
                    BigDecimal[] f = {level, level, prior, level, ip.baselines().get(d.code())};
                    figures.put(d.code(), f);
                    for (int i = 0; i < 4; i++) {
                        city[i] = city[i].add(f[i]);
                    }
                    completion.put(d.code(), level.divide(growthTargets(ip, d.code(), f[4], ym.getYear())[0], MC));
                }
                List<String> order = new ArrayList<>(figures.keySet());
                order.sort(Comparator.comparing((String c) -> completion.get(c)).reversed().thenComparing(c -> c));
                for (var e : figures.entrySet()) {
                    add(STOCKS[k], ip, e.getKey(), "DISTRICT", ym, e.getValue(),
                            growthTargets(ip, e.getKey(), e.getValue()[4], ym.getYear()), hasPrior,
                            order.indexOf(e.getKey()) + 1);
                }
                add(STOCKS[k], ip, plan.city().code(), "CITY", ym, city,
                        growthTargets(ip, null, city[4], ym.getYear()), hasPrior, null);
            }
        }
    }

    private static BigDecimal level(Map<YearMonth, Map<String, int[]>> levels, YearMonth ym, String district, int k) {
        Map<String, int[]> counts = levels.get(ym);
        int[] c = counts == null ? null : counts.get(district);
        return c == null ? zero() : BigDecimal.valueOf(c[k]).setScale(2);
    }

    /**
     * {annual target of the year, target of the plan period} from a baseline and the region's multiplier: a
     * district's own where the plan gives one; for the city (code null), with such districts, the sums of the
     * districts' (rounded) targets.
     */
    private BigDecimal[] growthTargets(io.beizeng.config.IndicatorPlan ip, String code, BigDecimal baseline, int year) {
        if (code == null && ip.multipliers() != null && !ip.multipliers().isEmpty()) {
            BigDecimal annual = zero();
            BigDecimal target = zero();
            for (Region d : plan.districts()) {
                BigDecimal[] t = growthTargets(ip, d.code(), ip.baselines().get(d.code()), year);
                annual = annual.add(t[0]);
                target = target.add(t[1]);
            }
            return new BigDecimal[] {annual, target};
        }
        BigDecimal m = code != null && ip.multipliers() != null && ip.multipliers().containsKey(code)
                ? ip.multipliers().get(code) : ip.multiplier();
        return new BigDecimal[] {annualTarget(baseline, m, year), baseline.multiply(m).setScale(2, RoundingMode.HALF_UP)};
    }

    private void add(String indicator, io.beizeng.config.IndicatorPlan ip, String code, String level, YearMonth ym,
            BigDecimal[] f, BigDecimal[] targets, boolean hasPrior, Integer rank) {
        boolean stock = java.util.Arrays.asList(STOCKS).contains(indicator) || indicator.startsWith("REVENUE_OVER_");
        BigDecimal baseline = f[4];
        boolean counts = ip.annualTargets() != null;
        BigDecimal annual = targets[0];
        BigDecimal target = counts ? annual.multiply(BigDecimal.valueOf(plan.targetYear() - plan.baselineYear()))
                : targets[1];
        BigDecimal prior = hasPrior ? f[2] : null;
        Double yoy = prior == null || prior.signum() == 0 ? null
                : f[1].divide(prior, MC).subtract(BigDecimal.ONE).doubleValue();
        BigDecimal completion = annual.signum() == 0 ? null : f[1].divide(annual, MC);
        BigDecimal time = stock ? BigDecimal.ONE : BigDecimal.valueOf(ym.getMonthValue()).divide(BigDecimal.valueOf(12), MC);
        String status = completion == null ? "ON_TRACK"
                : completion.compareTo(time.add(plan.statusTolerance())) > 0 ? "AHEAD"
                : completion.compareTo(time.subtract(plan.statusTolerance())) < 0 ? "BEHIND" : "ON_TRACK";
        if (ip.minYoyGrowth() != null && prior != null && prior.signum() > 0
                && f[1].divide(prior, MC).subtract(BigDecimal.ONE).compareTo(ip.minYoyGrowth()) < 0) {
            status = "BEHIND";
        }
        Double doubling = counts || target.compareTo(baseline) == 0 ? null
                : f[3].subtract(baseline).divide(target.subtract(baseline), MC).doubleValue();
        ProgressRow row = new ProgressRow(code, level, indicator, ym.getYear(), ym.getMonthValue(), f[0], f[1], prior,
                yoy, f[3], baseline, target, annual, stock ? 1.0 : ym.getMonthValue() / 12.0,
                completion == null ? null : completion.doubleValue(),
                doubling,
                status, rank, perCapita(indicator, code, ym.getYear(), f[1]));
        progress.put(row.key(), row);
    }

    /** YTD per person (half-up to 0.01) of an amount in CNY, with the plan's population; else null. */
    private BigDecimal perCapita(String indicator, String code, int year, BigDecimal ytd) {
        if (Indicator.valueOf(indicator).unit() != Indicator.Unit.CNY) {
            return null;
        }
        Long persons = persons(code, year);
        return persons == null ? null : ytd.divide(BigDecimal.valueOf(persons), 2, RoundingMode.HALF_UP);
    }

    /** A region's population: the figure of the year or the latest year before; the city's the sum. */
    private Long persons(String code, int year) {
        if (code.equals(plan.city().code())) {
            long sum = 0;
            for (Region d : plan.districts()) {
                Long p = persons(d.code(), year);
                if (p == null) {
                    return null;
                }
                sum += p;
            }
            return sum;
        }
        var figures = plan.population().byDistrict().get(code);
        var e = figures == null ? null : figures.floorEntry(year);
        return e == null ? null : e.getValue();
    }

    /**
     * B × M^(k/n) rounded half-up to 0.01, found by search: the v with (v − 0.005)^n ≤ B^n·M^k < (v + 0.005)^n.
     */
    private BigDecimal annualTarget(BigDecimal baseline, BigDecimal multiplier, int year) {
        int k = year - plan.baselineYear();
        int n = plan.targetYear() - plan.baselineYear();
        BigDecimal exact = baseline.pow(n).multiply(multiplier.pow(k));
        BigDecimal v = BigDecimal.valueOf(baseline.doubleValue() * Math.pow(multiplier.doubleValue(), (double) k / n))
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal cent = new BigDecimal("0.01");
        BigDecimal half = new BigDecimal("0.005");
        for (int i = 0; i < 10_000; i++) {
            if (v.subtract(half).pow(n).compareTo(exact) > 0) {
                v = v.subtract(cent);
            } else if (v.add(half).pow(n).compareTo(exact) <= 0) {
                v = v.add(cent);
            } else {
                return v;
            }
        }
        throw new IllegalStateException("no annual target found");
    }

    private static BigDecimal value(Map<String, BigDecimal> values, String district, YearMonth ym) {
        return Objects.requireNonNullElse(values.get(district + "|" + ym), zero());
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
