package io.beizeng.generator;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.generator.WorldModel.MalformedKind;
import io.beizeng.model.Chain;
import io.beizeng.model.SourceTopic;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Generates the three input streams of the {@link WorldModel} world, deterministically from a seed: the same seed,
 * plan and settings give the same records in the same order, byte for byte. Walks the calendar day by day; within a
 * day records are in event-time order, so disorder stays well inside a day. Late records and next-month corrections
 * are held back and released on a later day.
 */
public final class EventGenerator {
    public enum Granularity { MONTHLY, DAILY, HOURLY }

    /** What to generate; rates are shares of records (or of reports, for adjustments and late arrivals). */
    public record Settings(long seed, int enterprises, Granularity granularity, double adjustmentRate,
            double duplicateRate, double lateRate, double malformedRate) {
        public static Settings defaults(long seed) {
            return new Settings(seed, WorldModel.DEFAULT_ENTERPRISES, Granularity.DAILY, WorldModel.ADJUSTMENT_RATE,
                    WorldModel.DUPLICATE_RATE, WorldModel.LATE_RATE, WorldModel.MALFORMED_RATE);
        }
    }

    /** Where records go: a Kafka producer or JSON Lines files. */
    public interface Output {
        void emit(SourceTopic topic, String key, byte[] value);
    }

    /** Counts of what was generated, per topic. */
    public static final class Stats {
        public final Map<SourceTopic, Long> records = new EnumMap<>(SourceTopic.class);
        public final Map<SourceTopic, Long> malformed = new EnumMap<>(SourceTopic.class);
        public final Map<SourceTopic, Long> duplicates = new EnumMap<>(SourceTopic.class);
        public long late;

        void count(Map<SourceTopic, Long> m, SourceTopic t) {
            m.merge(t, 1L, Long::sum);
        }

        public long total() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }

        void clear() {
            records.clear();
            malformed.clear();
            duplicates.clear();
            late = 0;
        }
    }

    private static final class Enterprise {
        final String id;
        final int homeDistrict;
        int district;
        final String town;
        final Chain chain;
        final String park;
        double annualOutput; // yuan in the baseline year
        final double revenueFactor;
        final LocalDate registered;
        boolean announced;
        boolean closed;
        boolean aboveScale = true;
        boolean sme;
        boolean highTech;
        boolean listed;

        Enterprise(String id, int district, String town, Chain chain, String park, double size, double revenueFactor,
                LocalDate registered) {
            this.id = id;
            this.homeDistrict = district;
            this.district = district;
            this.town = town;
            this.chain = chain;
            this.park = park;
            this.annualOutput = size;
            this.revenueFactor = revenueFactor;
            this.registered = registered;
        }
    }

    /**
     * A signed project and its milestones ({@link WorldModel#projectCourse}): the day it starts and the day it
     * completes (null: never), and the months it reports investment for.
     */
    private record Project(String id, int district, Chain chain, long totalCents, boolean tech, LocalDate signed,
            LocalDate starts, LocalDate completes, int reportingMonths) {

        static Project signed(String id, int district, Chain chain, long totalCents, boolean tech, LocalDate day) {
            int[] course = WorldModel.projectCourse(id);
            LocalDate starts = course[0] < 0 ? null : day.plusDays(course[0]);
            LocalDate completes = starts == null || course[1] < 0 ? null : starts.plusDays(course[1]);
            return new Project(id, district, chain, totalCents, tech, day, starts, completes, course[2]);
        }
    }

    private record Pending(LocalDate release, long ts, SourceTopic topic, String key, byte[] value, long order) {}

    private record Item(long ts, SourceTopic topic, String key, byte[] value) {}

    private final Plan plan;
    private final Settings settings;
    private final Random random;
    private final List<Region> districts;
    private final double[] growth;
    private final List<Enterprise> enterprises = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparing(Pending::release).thenComparingLong(Pending::ts).thenComparingLong(Pending::order));
    private final Stats stats = new Stats();
    private final LocalDate baselineStart;
    private long nextEventId;
    /** Set by the first live report (its time, base 36): live ids are unique to a run, history ids the same in each. */
    private String liveRun = "";
    private long pendingOrder;
    private int malformedCursor;

    public EventGenerator(Plan plan, Settings settings) {
        this.plan = plan;
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.districts = plan.districts();
        this.baselineStart = LocalDate.of(plan.baselineYear(), 1, 1);
        this.growth = new double[districts.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < districts.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        for (int k = 0; k < order.size(); k++) {
            double share = order.size() == 1 ? 0.5 : k / (double) (order.size() - 1);
            growth[order.get(k)] = WorldModel.GROWTH_SLOWEST + share * (WorldModel.GROWTH_FASTEST - WorldModel.GROWTH_SLOWEST);
        }
        createEnterprises();
    }

    /** Counts from now on only (after a history rebuilt but not sent). */
    public void resetStats() {
        stats.clear();
    }

    public Stats stats() {
        return stats;
    }

    /** Annual growth rate of each district (by plan order). */
    public double[] districtGrowth() {
        return growth.clone();
    }

    private void createEnterprises() {
        BigDecimal[] baselines = new BigDecimal[districts.size()];
        double total = 0;
        var ip = plan.indicator(Indicator.OUTPUT_VALUE);
        for (int d = 0; d < districts.size(); d++) {
            baselines[d] = ip != null ? ip.baselines().get(districts.get(d).code()) : BigDecimal.valueOf(1e10);
            total += baselines[d].doubleValue();
        }
        double[] sizeSum = new double[districts.size()];
        LocalDate periodStart = LocalDate.of(plan.firstEventYear(), 1, 1);
        for (int i = 0; i < settings.enterprises(); i++) {
            int d = pick(baselines, total);
            String town = districts.get(d).code() + String.format("%03d", 100 + random.nextInt(WorldModel.TOWNS_PER_DISTRICT));
            Chain chain = Chain.values()[pickWeighted(WorldModel.CHAIN_WEIGHTS)];
            String park = random.nextDouble() < WorldModel.PARK_SHARE ? "PARK-" + districts.get(d).code() + "-"
                    + (1 + random.nextInt(2)) : null;
            double size = Math.pow(1 - random.nextDouble(), -1 / WorldModel.PARETO_SHAPE);
            boolean newcomer = random.nextDouble() < WorldModel.NEWCOMER_SHARE;
            LocalDate registered = newcomer
                    ? periodStart.plusDays(30 + random.nextInt(1400))
                    : LocalDate.of(1990, 1, 1).plusDays(random.nextInt(11_000));
            if (registered.isAfter(periodStart) && !newcomer) {
                registered = periodStart.minusDays(1 + random.nextInt(300));
            }
            enterprises.add(new Enterprise(String.format("E%05d", i + 1), d, town, chain, park, size,
                    WorldModel.REVENUE_FACTOR_MIN + random.nextDouble()
                            * (WorldModel.REVENUE_FACTOR_MAX - WorldModel.REVENUE_FACTOR_MIN), registered));
            sizeSum[d] += size;
        }
        // scale sizes so each district's enterprises produce its baseline in the baseline year
        for (Enterprise e : enterprises) {
            e.annualOutput = e.annualOutput / sizeSum[e.homeDistrict] * baselines[e.homeDistrict].doubleValue();
        }
    }

    private int pick(BigDecimal[] weights, double total) {
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i].doubleValue();
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int pickWeighted(double[] weights) {
        double r = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Generates every day from {@code from} to {@code to}, inclusive. */
    public void generate(LocalDate from, LocalDate to, Output out) {
        List<Item> initial = new ArrayList<>();
        for (Enterprise e : enterprises) {
            if (e.registered.isBefore(from)) {
                announce(e, e.registered, initial);
            }
        }
        initial.sort(Comparator.comparingLong(Item::ts));
        initial.forEach(i -> send(i, out));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            day(day, out);
        }
    }

    private void announce(Enterprise e, LocalDate day, List<Item> items) {
        e.announced = true;
        long ts = at(day, 8, 0);
        Json b = json("eventId", nextId("r")).str("enterpriseId", e.id).ts(ts).str("type", "REGISTERED")
                .str("name", "企业" + e.id).str("districtCode", districts.get(e.district).code()).str("townCode", e.town)
                .str("chain", e.chain.name());
        if (e.park != null) {
            b.str("parkId", e.park);
        }
        items.add(new Item(ts, SourceTopic.ENTERPRISE, e.id, end(b)));
        items.add(registry(e, ts + 1, "ABOVE_SCALE_ENTERED", null));
    }

    private void day(LocalDate day, Output out) {
        while (!pending.isEmpty() && !pending.peek().release().isAfter(day)) {
            Pending p = pending.poll();
            send(new Item(p.ts(), p.topic(), p.key(), p.value()), out);
        }
        List<Item> items = new ArrayList<>();
        registryChanges(day, items);
        production(day, items);
        investment(day, items);
        items.sort(Comparator.comparingLong(Item::ts));
        for (Item item : items) {
            send(item, out);
            if (random.nextDouble() < settings.malformedRate()) {
                malformed(item.topic(), item.key(), out);
            }
        }
    }

    /** Emits one record, and its duplicate with the configured probability. */
    private void send(Item item, Output out) {
        out.emit(item.topic(), item.key(), item.value());
        stats.count(stats.records, item.topic());
        if (random.nextDouble() < settings.duplicateRate()) {
            out.emit(item.topic(), item.key(), item.value());
            stats.count(stats.records, item.topic());
            stats.count(stats.duplicates, item.topic());
        }
    }

    private void registryChanges(LocalDate day, List<Item> items) {
        double perDay = 1 / 365.0;
        long ts = at(day, 9, 0);
        for (Enterprise e : enterprises) {
            if (!e.announced) {
                if (e.registered.equals(day)) {
                    announce(e, day, items);
                }
                continue;
            }
            if (e.closed) {
                continue;
            }
            double r = random.nextDouble();
            if ((r -= WorldModel.RELOCATION * perDay) < 0) {
                e.district = (e.district + 1 + random.nextInt(districts.size() - 1)) % districts.size();
                items.add(new Item(ts, SourceTopic.ENTERPRISE, e.id, end(json("eventId", nextId("r"))
                        .str("enterpriseId", e.id).ts(ts).str("type", "UPDATED")
                        .str("districtCode", districts.get(e.district).code()))));
            } else if ((r -= WorldModel.ABOVE_SCALE_EXIT * perDay) < 0 && e.aboveScale) {
                e.aboveScale = false;
                items.add(registry(e, ts, "ABOVE_SCALE_EXITED", null));
            } else if ((r -= WorldModel.CLOSURE * perDay) < 0) {
                e.closed = true;
                items.add(registry(e, ts, "CLOSED", null));
            } else if ((r -= WorldModel.CERTIFY_SME * perDay) < 0 && !e.sme) {
                e.sme = true;
                items.add(registry(e, ts, "CERTIFIED", "SPECIALIZED_SME"));
            } else if ((r -= WorldModel.CERTIFY_HIGH_TECH * perDay) < 0 && !e.highTech) {
                e.highTech = true;
                items.add(registry(e, ts, "CERTIFIED", "HIGH_TECH"));
            } else if ((r -= WorldModel.DECERTIFY * perDay) < 0 && (e.sme || e.highTech)) {
                String cert = e.sme ? "SPECIALIZED_SME" : "HIGH_TECH";
                e.sme = e.sme && !cert.equals("SPECIALIZED_SME");
                e.highTech = e.highTech && !cert.equals("HIGH_TECH");
                items.add(registry(e, ts, "DECERTIFIED", cert));
            } else if ((r -= WorldModel.LISTING * perDay) < 0 && !e.listed) {
                e.listed = true;
                items.add(registry(e, ts, "LISTED", null));
            } else if (!e.aboveScale && (r -= WorldModel.ABOVE_SCALE_EXIT * perDay) < 0) {
                e.aboveScale = true;
                items.add(registry(e, ts, "ABOVE_SCALE_ENTERED", null));
            }
        }
    }

    private Item registry(Enterprise e, long ts, String type, String certification) {
        Json b = json("eventId", nextId("r")).str("enterpriseId", e.id).ts(ts).str("type", type);
        if (certification != null) {
            b.str("certification", certification);
        }
        return new Item(ts, SourceTopic.ENTERPRISE, e.id, end(b));
    }

    /** Expected output of an enterprise for a whole month, in yuan. */
    private double monthlyOutput(Enterprise e, LocalDate day) {
        double years = ChronoUnit.DAYS.between(baselineStart, day) / 365.25;
        return e.annualOutput * Math.pow(1 + growth[e.homeDistrict], years) * WorldModel.season(day.getMonthValue()) / 12;
    }

    private void production(LocalDate day, List<Item> items) {
        Granularity g = settings.granularity();
        if (g == Granularity.MONTHLY && day.getDayOfMonth() != 15) {
            return;
        }
        int perDay = g == Granularity.HOURLY ? 24 : 1;
        double share = g == Granularity.MONTHLY ? 1.0 : 1.0 / (day.lengthOfMonth() * perDay);
        boolean lastDay = day.getDayOfMonth() == day.lengthOfMonth();
        for (Enterprise e : enterprises) {
            if (!e.announced || e.closed) {
                continue;
            }
            double expected = monthlyOutput(e, day) * share;
            for (int h = 0; h < perDay; h++) {
                int hour = g == Granularity.HOURLY ? h : 20;
                long ts = at(day, hour, random.nextInt(60));
                double noise = 1 + WorldModel.REPORT_NOISE * (2 * random.nextDouble() - 1);
                long output = Math.round(expected * noise * 100);
                long revenue = Math.round(output * e.revenueFactor);
                byte[] value = productionJson(e, ts, "OUTPUT", output, revenue);
                if (random.nextDouble() < settings.lateRate()) {
                    hold(day.plusDays(70 + random.nextInt(31)), ts, SourceTopic.PRODUCTION, e.id, value);
                    stats.late++;
                } else {
                    items.add(new Item(ts, SourceTopic.PRODUCTION, e.id, value));
                }
            }
            if ((lastDay || g == Granularity.MONTHLY) && random.nextDouble() < settings.adjustmentRate()) {
                // a correction of this month, sent in the first days of the next
                long ts = at(day, 21, 0);
                long delta = Math.round(monthlyOutput(e, day) * 0.05 * (2 * random.nextDouble() - 1) * 100);
                hold(day.withDayOfMonth(1).plusMonths(1).plusDays(random.nextInt(8)), ts, SourceTopic.PRODUCTION, e.id,
                        productionJson(e, ts, "ADJUSTMENT", delta, Math.round(delta * e.revenueFactor)));
            }
        }
    }

    /**
     * Live reports at {@code ts}: {@code count} events from random enterprises, each worth the output of
     * {@code secondsPerReport} seconds of the enterprise.
     */
    public void live(long ts, int count, double secondsPerReport, Output out) {
        if (liveRun.isEmpty()) {
            liveRun = "-" + Long.toString(ts, 36);
        }
        LocalDate day = Instant.ofEpochMilli(ts).atZone(plan.timezone()).toLocalDate();
        for (int k = 0; k < count; k++) {
            Enterprise e = enterprises.get(random.nextInt(enterprises.size()));
            if (!e.announced || e.closed) {
                continue;
            }
            double seconds = day.lengthOfMonth() * 86400.0;
            long output = Math.max(1, Math.round(monthlyOutput(e, day) * secondsPerReport / seconds * 100));
            send(new Item(ts, SourceTopic.PRODUCTION, e.id,
                    productionJson(e, ts, "OUTPUT", output, Math.round(output * e.revenueFactor))), out);
            if (random.nextDouble() < settings.malformedRate()) {
                malformed(SourceTopic.PRODUCTION, e.id, out);
            }
        }
    }

    private void investment(LocalDate day, List<Item> items) {
        for (int d = 0; d < districts.size(); d++) {
            if (random.nextDouble() < WorldModel.PROJECTS_PER_DISTRICT_YEAR / 365.0) {
                boolean major = random.nextDouble() < WorldModel.MAJOR_PROJECT_SHARE;
                double yuan = major ? 5e9 + random.nextDouble() * 7e9
                        : WorldModel.PROJECT_MEDIAN_YUAN * Math.exp(0.8 * random.nextGaussian());
                yuan = Math.min(yuan, 4.9e9 + (major ? 8e9 : 0));
                Project p = Project.signed("PRJ-" + districts.get(d).code() + "-" + (projects.size() + 1), d,
                        Chain.values()[pickWeighted(WorldModel.CHAIN_WEIGHTS)], Math.round(yuan * 100),
                        random.nextDouble() < WorldModel.TECH_RENOVATION_SHARE, day);
                projects.add(p);
                long ts = at(day, 10, random.nextInt(60));
                items.add(new Item(ts, SourceTopic.INVESTMENT, p.id(), investmentJson(p, ts, "SIGNED", p.totalCents())));
            }
        }
        for (Project p : projects) {
            if (day.equals(p.starts())) {
                long ts = at(day, 9, 30);
                items.add(new Item(ts, SourceTopic.INVESTMENT, p.id(), investmentJson(p, ts, "STARTED", null)));
            }
            if (day.equals(p.completes())) {
                long ts = at(day, 15, 30);
                items.add(new Item(ts, SourceTopic.INVESTMENT, p.id(), investmentJson(p, ts, "COMPLETED", null)));
            }
        }
        if (day.getDayOfMonth() == 25) {
            for (Project p : projects) {
                long months = ChronoUnit.MONTHS.between(p.signed().withDayOfMonth(1), day.withDayOfMonth(1));
                if (months >= 1 && months <= p.reportingMonths()) {
                    long ts = at(day, 16, 0);
                    items.add(new Item(ts, SourceTopic.INVESTMENT, p.id(),
                            investmentJson(p, ts, "INVESTMENT_REPORTED", p.totalCents() / WorldModel.PROJECT_MONTHS)));
                }
            }
        }
    }

    private void hold(LocalDate release, long ts, SourceTopic topic, String key, byte[] value) {
        pending.add(new Pending(release, ts, topic, key, value, pendingOrder++));
    }

    /** One malformed record, of the next kind in turn. */
    private void malformed(SourceTopic topic, String key, Output out) {
        MalformedKind kind = MalformedKind.values()[malformedCursor++ % MalformedKind.values().length];
        String id = nextId("bad");
        String base = "{\"eventId\":\"" + id + "\",\"enterpriseId\":\"" + key + "\",\"ts\":\"2024-05-05T10:00:00+08:00\"";
        byte[] value = switch (kind) {
            case TRUNCATED_JSON -> utf8(base.substring(0, base.length() - 12));
            case RANDOM_BYTES -> {
                byte[] b = new byte[16 + random.nextInt(48)];
                random.nextBytes(b);
                b[0] = (byte) 0xFE;
                yield b;
            }
            case WRONG_TYPE -> utf8(base + ",\"kind\":\"OUTPUT\",\"outputValue\":\"lots\",\"revenue\":1}");
            case TIMESTAMP_WITHOUT_OFFSET -> utf8(base.replace("+08:00", "")
                    + ",\"kind\":\"OUTPUT\",\"outputValue\":1,\"revenue\":1}");
            case THREE_FRACTION_DIGITS -> utf8(base + ",\"kind\":\"OUTPUT\",\"outputValue\":1.005,\"revenue\":1}");
            case UNKNOWN_KIND -> utf8(base + ",\"kind\":\"ESTIMATE\",\"type\":\"RUMOURED\",\"outputValue\":1,\"revenue\":1}");
            case NEGATIVE_OUTPUT -> utf8(base + ",\"kind\":\"OUTPUT\",\"outputValue\":-5,\"revenue\":1}");
            case JSON_ARRAY -> utf8("[" + base + "}]");
        };
        out.emit(topic, key, value);
        stats.count(stats.records, topic);
        stats.count(stats.malformed, topic);
    }

    private byte[] productionJson(Enterprise e, long ts, String kind, long outputCents, long revenueCents) {
        Json b = json("eventId", nextId("p")).str("enterpriseId", e.id).ts(ts).str("kind", kind);
        b.raw("outputValue", BigDecimal.valueOf(outputCents, 2).toPlainString());
        b.raw("revenue", BigDecimal.valueOf(revenueCents, 2).toPlainString());
        b.raw("taxPaid", BigDecimal.valueOf(Math.round(revenueCents * WorldModel.TAX_SHARE_OF_REVENUE), 2)
                .toPlainString());
        if (kind.equals("OUTPUT")) {
            b.raw("electricityKwh", Long.toString(Math.round(outputCents / 100.0 * WorldModel.KWH_PER_YUAN)));
        }
        return end(b);
    }

    /** @param amountCents null for STARTED and COMPLETED, which carry no amount */
    private byte[] investmentJson(Project p, long ts, String type, Long amountCents) {
        Json b = json("eventId", nextId("i")).str("projectId", p.id()).ts(ts).str("type", type)
                .str("districtCode", districts.get(p.district()).code()).str("chain", p.chain().name());
        if (amountCents != null) {
            b.raw("amount", BigDecimal.valueOf(amountCents, 2).toPlainString());
        }
        b.raw("techRenovation", Boolean.toString(p.tech()));
        return end(b);
    }

    private String nextId(String prefix) {
        return prefix + "-" + Long.toString(settings.seed() & 0xffff, 36) + liveRun + "-" + (nextEventId++);
    }

    private long at(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)), plan.timezone())
                .toInstant().toEpochMilli();
    }

    // --- a tiny JSON writer: field order is fixed, values are known to need no escaping but names

    private final class Json {
        final StringBuilder b = new StringBuilder(160);

        Json str(String name, String value) {
            EventGenerator.str(b, name, value);
            return this;
        }

        Json raw(String name, String literal) {
            b.append(",\"").append(name).append("\":").append(literal);
            return this;
        }

        Json ts(long ts) {
            String iso = OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), plan.timezone())
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return str("ts", iso);
        }
    }

    private Json json(String firstName, String firstValue) {
        Json j = new Json();
        j.b.append("{\"").append(firstName).append("\":\"").append(firstValue).append('"');
        return j;
    }

    private static void str(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    private static byte[] end(Json j) {
        return end(j.b);
    }

    private static byte[] end(StringBuilder b) {
        return utf8(b.append('}').toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
