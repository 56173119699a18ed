package io.beizeng.testing;

import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.SourceTopic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded test world for the integration tests: enterprises over the plan's districts, three input streams in
 * arrival order, and, for every record, what it is meant to be. The streams carry what the job must cope with:
 * moves between districts, ADJUSTMENTs, an event on a time-zone month boundary, production before registration
 * and of unknown enterprises, a registry change to an unknown district, duplicates and conflicting duplicates,
 * corrections arriving within the allowed lateness, LATE events and malformed records of many kinds. The
 * reference computation ({@link Reference}) works from the facts recorded here, never from the job's parsers.
 */
public final class TestWorld {
    /** What a record is meant to be. VALID records carry their fact. */
    public enum Expect { VALID, MALFORMED_JSON, SCHEMA_VIOLATION, OUT_OF_RANGE, UNKNOWN_REGION }

    /** A production event: its amounts in cents by JSON field (outputValue, revenue, …), in the order written. */
    public record Production(String eventId, String enterpriseId, long ts, String kind, Map<String, Long> amounts) {
        static Production of(String eventId, String enterpriseId, long ts, String kind, long outputCents,
                long revenueCents) {
            Map<String, Long> amounts = new LinkedHashMap<>();
            amounts.put("outputValue", outputCents);
            amounts.put("revenue", revenueCents);
            return new Production(eventId, enterpriseId, ts, kind, Collections.unmodifiableMap(amounts));
        }

        /** The amount of a field, in cents; 0 when the event does not carry it. */
        public long cents(String field) {
            return amounts.getOrDefault(field, 0L);
        }

        public long outputCents() {
            return cents("outputValue");
        }

        /** The same event with other figures for one field. */
        Production with(String field, long cents) {
            Map<String, Long> changed = new LinkedHashMap<>(amounts);
            changed.put(field, cents);
            return new Production(eventId, enterpriseId, ts, kind, Collections.unmodifiableMap(changed));
        }
    }

    /** @param town the town a change moves the enterprise to (REGISTERED: always T-district), or null */
    public record Registry(String eventId, String enterpriseId, long ts, String type, String district,
            String chain, String certification, String park, String town) {
        public Registry(String eventId, String enterpriseId, long ts, String type, String district, String chain,
                String certification, String park) {
            this(eventId, enterpriseId, ts, type, district, chain, certification, park, null);
        }
    }

    /** {@code amountCents} is null for STARTED and COMPLETED. */
    public record Investment(String eventId, String projectId, long ts, String type, String district,
            Long amountCents, boolean techRenovation) {}

    public record Record(SourceTopic source, String key, byte[] payload, Expect expect, Object fact) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final String[] CHAINS = {"HIGH_END_EQUIPMENT", "HIGH_END_CHEMICALS", "NEW_MATERIALS",
        "NEW_ENERGY", "NEW_MEDICINE", "NEXT_GEN_IT", "TRADITIONAL"};
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    public final List<Record> production = new ArrayList<>();
    public final List<Record> registry = new ArrayList<>();
    public final List<Record> investment = new ArrayList<>();

    private final Random random;
    private int nextId;

    private TestWorld(long seed) {
        this.random = new Random(seed);
    }

    public List<Record> stream(SourceTopic source) {
        return switch (source) {
            case PRODUCTION -> production;
            case ENTERPRISE -> registry;
            case INVESTMENT -> investment;
        };
    }

    /**
     * Creates the default topics with {@code partitions} partitions (and the alerts topic) and produces every stream
     * to them, each record to its key's partition, in stream order.
     */
    public void produceTo(KafkaBroker kafka, int partitions) {
        for (SourceTopic source : SourceTopic.values()) {
            kafka.createTopic(source.defaultTopic(), partitions);
        }
        kafka.createTopic(io.beizeng.sink.AlertTopic.DEFAULT_TOPIC, 1);
        appendTo(kafka, partitions);
    }

    /** Produces every stream to the existing default topics, after what they hold, each record to its key's partition. */
    public void appendTo(KafkaBroker kafka, int partitions) {
        for (SourceTopic source : SourceTopic.values()) {
            List<KafkaBroker.KeyedRecord> records = new ArrayList<>();
            for (Record r : stream(source)) {
                records.add(KafkaBroker.KeyedRecord.of(partition(r.key(), partitions), r.key(), r.payload()));
            }
            kafka.produceAll(source.defaultTopic(), records);
        }
    }

    /**
     * The world cut in two at an instant, as it would have arrived until then and after: of each stream, the records
     * before its first valid one with event time at or after {@code ts}, and the rest (late records and corrections
     * that arrive after it stay in the second part, as they would).
     */
    public List<TestWorld> splitAt(long ts) {
        TestWorld before = new TestWorld(0);
        TestWorld after = new TestWorld(0);
        for (SourceTopic source : SourceTopic.values()) {
            List<Record> all = stream(source);
            int cut = 0;
            while (cut < all.size() && (all.get(cut).fact() == null || eventTime(all.get(cut).fact()) < ts)) {
                cut++;
            }
            before.stream(source).addAll(all.subList(0, cut));
            after.stream(source).addAll(all.subList(cut, all.size()));
        }
        return List.of(before, after);
    }

    /** This world without one of its streams (as a replay finds it when that file is missing). */
    public TestWorld without(SourceTopic missing) {
        TestWorld w = new TestWorld(0);
        for (SourceTopic source : SourceTopic.values()) {
            if (source != missing) {
                w.stream(source).addAll(stream(source));
            }
        }
        return w;
    }

    private static long eventTime(Object fact) {
        if (fact instanceof Production p) {
            return p.ts();
        }
        if (fact instanceof Registry r) {
            return r.ts();
        }
        return ((Investment) fact).ts();
    }

    /** Records in all three streams. */
    public long recordCount() {
        long n = 0;
        for (SourceTopic source : SourceTopic.values()) {
            n += stream(source).size();
        }
        return n;
    }

    /** Sends the streams to existing topics of {@code partitions} partitions on any broker, with these client settings. */
    public void produceTo(String bootstrapServers, java.util.Properties clientSettings, int partitions) {
        java.util.Map<String, Object> p = KafkaBroker.producerSettings(bootstrapServers);
        clientSettings.forEach((k, v) -> p.put((String) k, v));
        try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer =
                new org.apache.kafka.clients.producer.KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (SourceTopic source : SourceTopic.values()) {
                for (Record r : stream(source)) {
                    sent.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(source.defaultTopic(),
                            partition(r.key(), partitions), r.key(), r.payload())));
                }
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce the test world to " + bootstrapServers, e);
        }
    }

    /** Writes the streams as the JSON Lines files {@code replay} reads; a raw newline in a record becomes a space. */
    public void writeJsonLines(java.nio.file.Path dir) throws java.io.IOException {
        for (SourceTopic source : SourceTopic.values()) {
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
            for (Record r : stream(source)) {
                for (byte b : r.payload()) {
                    file.write(b == '\n' ? ' ' : b);
                }
                file.write('\n');
            }
            java.nio.file.Files.write(dir.resolve(source.fileName()), file.toByteArray());
        }
    }

    /** Partition of a record in a topic of {@code partitions} partitions: by key, as the producers here do. */
    public static int partition(String key, int partitions) {
        return Math.floorMod(key.hashCode(), partitions);
    }

    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    public static TestWorld generate(Plan plan, long seed, int enterprises) {
        TestWorld w = new TestWorld(seed);
        w.build(plan, enterprises);
        return w;
    }

    private void build(Plan plan, int enterprises) {
        List<String> districts = plan.districts().stream().map(Region::code).toList();
        long start = at("2022-01-03T00:00:00+08:00");
        long end = at("2025-06-28T00:00:00+08:00");

        // --- the registry, in effective-time order
        List<Registry> changes = new ArrayList<>();
        List<long[]> activeFrom = new ArrayList<>(); // [registeredAt, firstProduction]
        double[] growth = new double[districts.size()];
        for (int d = 0; d < growth.length; d++) {
            growth[d] = 1.0 + 0.05 * d; // districts grow differently: some AHEAD, some BEHIND
        }
        String[] home = new String[enterprises];
        for (int i = 0; i < enterprises; i++) {
            String id = enterpriseId(i);
            boolean newcomer = i % 4 == 3;
            long registered = newcomer
                    ? at("2022-03-01T00:00:00+08:00") + (long) (random.nextDouble() * 900) * DAY
                    : at("2005-01-01T00:00:00+08:00") + (long) (random.nextDouble() * 6000) * DAY;
            // some newcomers report a little before their registration is effective: UNKNOWN_ENTERPRISE
            long firstProduction = newcomer && i % 8 == 7 ? registered - 10 * DAY : registered;
            home[i] = districts.get(i % districts.size());
            String park = i % 3 == 0 ? "PARK-370481-1" : i % 5 == 1 ? "PARK-370405-1" : i % 11 == 2 ? "PARK-NOT-IN-PLAN" : null;
            changes.add(new Registry(nextId("reg"), id, registered, "REGISTERED", home[i], CHAINS[i % CHAINS.length], null,
                    park));
            activeFrom.add(new long[] {registered, Math.max(firstProduction, start)});
        }
        // moves between districts, effective at midnight in the plan's zone
        for (int i = 0; i < enterprises; i += 6) {
            long when = at("2023-01-01T00:00:00+08:00") + (long) (random.nextInt(600)) * DAY;
            when = Math.max(when, activeFrom.get(i)[0] + DAY);
            String to = districts.get((districts.indexOf(home[i]) + 3) % districts.size());
            changes.add(new Registry(nextId("mov"), enterpriseId(i), when, "UPDATED", to, null, null, null));
        }
        changes.add(new Registry(nextId("chn"), enterpriseId(1), at("2023-05-05T00:00:00+08:00"), "UPDATED", null,
                "NEW_ENERGY", null, null));
        changes.add(new Registry(nextId("cert"), enterpriseId(2), at("2023-06-01T00:00:00+08:00"), "CERTIFIED", null,
                null, "HIGH_TECH", null));
        // stocks: most enterprises are above-scale from their registration; some leave, close, get certified
        for (int i = 0; i < enterprises; i++) {
            if (i % 5 != 4) {
                changes.add(new Registry(nextId("abv"), enterpriseId(i), activeFrom.get(i)[0] + HOUR,
                        "ABOVE_SCALE_ENTERED", null, null, null, null));
            }
        }
        changes.add(new Registry(nextId("exit"), enterpriseId(3), at("2024-02-10T09:00:00+08:00"),
                "ABOVE_SCALE_EXITED", null, null, null, null));
        changes.add(new Registry(nextId("close"), enterpriseId(6), at("2024-09-15T09:00:00+08:00"), "CLOSED", null,
                null, null, null));
        changes.add(new Registry(nextId("sme"), enterpriseId(5), at("2023-03-01T09:00:00+08:00"), "CERTIFIED", null,
                null, "SPECIALIZED_SME", null));
        changes.add(new Registry(nextId("sme"), enterpriseId(5), at("2024-05-01T09:00:00+08:00"), "DECERTIFIED", null,
                null, "SPECIALIZED_SME", null));
        changes.add(new Registry(nextId("sme"), enterpriseId(10), at("2024-01-31T23:59:59+08:00"), "CERTIFIED", null,
                null, "SPECIALIZED_SME", null));
        changes.add(new Registry(nextId("list"), enterpriseId(12), at("2023-11-20T09:00:00+08:00"), "LISTED", null,
                null, null, null));
        // a move to another town at noon: the enterprise reports from both towns that day (each counts it once)
        long movesTown = at("2024-03-14T12:00:00+08:00");
        changes.add(new Registry(nextId("town"), enterpriseId(4), movesTown, "UPDATED", null, null, null, null,
                "T-MOVED-E004"));
        changes.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        for (Registry r : changes) {
            registry.add(new Record(SourceTopic.ENTERPRISE, r.enterpriseId(), registryJson(r, null), Expect.VALID, r));
        }
        // a move to a district that is not in the plan: rejected, the enterprise keeps its district
        insertAt(registry, registry.size() / 2, new Record(SourceTopic.ENTERPRISE, enterpriseId(5),
                registryJson(new Registry(nextId("bad"), enterpriseId(5), at("2023-08-01T00:00:00+08:00"),
                        "UPDATED", "999999", null, null, null), null), Expect.UNKNOWN_REGION, null));
        // an identical registration sent twice: a duplicate
        Record firstReg = registry.get(3);
        insertAt(registry, 5, new Record(SourceTopic.ENTERPRISE, firstReg.key(), firstReg.payload(), Expect.VALID,
                firstReg.fact()));
        insertAt(registry, 8, malformed(SourceTopic.ENTERPRISE, enterpriseId(7), "{\"eventId\":\"x\",\"type\":",
                Expect.MALFORMED_JSON));
        insertAt(registry, 9, malformed(SourceTopic.ENTERPRISE, enterpriseId(8),
                "{\"eventId\":\"r-nochain\",\"enterpriseId\":\"E008\",\"ts\":\"2020-01-01T00:00:00+08:00\","
                        + "\"type\":\"REGISTERED\",\"districtCode\":\"370402\"}", Expect.SCHEMA_VIOLATION));
        insertAt(registry, 10, malformed(SourceTopic.ENTERPRISE, enterpriseId(9),
                "{\"eventId\":\"r-cert\",\"enterpriseId\":\"E009\",\"ts\":\"2020-01-01T00:00:00+08:00\","
                        + "\"type\":\"CERTIFIED\"}", Expect.SCHEMA_VIOLATION));

        // --- production, weekly per enterprise, in event-time order with bounded disorder
        List<Production> events = new ArrayList<>();
        for (int i = 0; i < enterprises; i++) {
            double base = Math.exp(14 + 2.2 * random.nextGaussian() * 0.5); // a few large, a long tail
            double g = growth[i % growth.length];
            for (long week = activeFrom.get(i)[1]; week < end; week += 7 * DAY) {
                long ts = week + random.nextInt(167) * HOUR + random.nextInt(3600) * 1000L;
                double years = (ts - start) / (365.0 * DAY);
                double seasonal = 1 + 0.15 * Math.sin(ts / (365.0 * DAY) * 2 * Math.PI);
                long output = Math.round(base * Math.pow(g, years) * seasonal * (0.8 + 0.4 * random.nextDouble()) * 100);
                long revenue = Math.round(output * (0.9 + 0.2 * random.nextDouble()));
                boolean adjustment = random.nextInt(50) == 0;
                if (adjustment) {
                    output = -output / 10;
                    revenue = -revenue / 10;
                }
                Production p = Production.of(nextId("p"), enterpriseId(i), ts, adjustment ? "ADJUSTMENT" : "OUTPUT",
                        output, revenue);
                // taxes paid: most enterprises report them, some never do (those count 0)
                events.add(i % 7 == 3 ? p : p.with("taxPaid", revenue / 25));
            }
        }
        // two leading enterprises for a while: trailing 12-month revenue reaches 5 and 10 billion
        for (String month : List.of("2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07",
                "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04")) {
            long ts = at(month + "-20T11:00:00+08:00");
            events.add(Production.of(nextId("big"), enterpriseId(7), ts, "OUTPUT", 600_000_000_00L, 650_000_000_00L));
            events.add(Production.of(nextId("big"), enterpriseId(8), ts, "OUTPUT", 900_000_000_00L, 950_000_000_00L));
        }
        // before and after its move to another town at noon, the same day
        for (String time : List.of("09:00", "15:00", "16:00")) {
            events.add(Production.of(nextId("p"), enterpriseId(4), at("2024-03-14T" + time + ":00+08:00"), "OUTPUT",
                    5_000_000_00L, 5_100_000_00L));
        }
        // production of enterprises that are never registered
        for (int k = 0; k < 3; k++) {
            events.add(Production.of(nextId("p"), "GHOST-" + k, at("2024-04-10T10:00:00+08:00") + k * DAY, "OUTPUT",
                    123456, 123456));
        }
        // on a month boundary in the plan's zone: February in Shanghai, January in UTC
        events.add(Production.of(nextId("p"), enterpriseId(0), at("2024-01-31T23:30:00+00:00"), "OUTPUT",
                777_777_77L, 888_888_88L));
        events.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        for (int i = 1; i < events.size(); i++) {
            if (random.nextInt(10) == 0 && events.get(i).ts() - events.get(i - 1).ts() < 12 * HOUR) {
                Production p = events.get(i);
                events.set(i, events.get(i - 1));
                events.set(i - 1, p);
            }
        }
        for (Production p : events) {
            production.add(new Record(SourceTopic.PRODUCTION, p.enterpriseId(), productionJson(p, false),
                    Expect.VALID, p));
        }
        // duplicates: the same event again a little later, formatted differently
        for (int k = 0; k < production.size() / 200; k++) {
            int i = 10 + random.nextInt(production.size() - 40);
            Record r = production.get(i);
            if (r.fact() instanceof Production p) {
                insertAt(production, i + 1 + random.nextInt(15),
                        new Record(SourceTopic.PRODUCTION, r.key(), productionJson(p, true), Expect.VALID, p));
            }
        }
        // conflicting duplicates: same eventId, other figures
        for (int k = 0; k < 3; k++) {
            int i = 100 + random.nextInt(production.size() - 200);
            Record r = production.get(i);
            if (r.fact() instanceof Production p) {
                Production other = p.with("outputValue", p.outputCents() + 100);
                insertAt(production, i + 3,
                        new Record(SourceTopic.PRODUCTION, r.key(), productionJson(other, false), Expect.VALID, other));
            }
        }
        // corrections of last month arriving ten to twenty days after its end: within the allowed lateness
        for (String month : List.of("2023-04", "2024-02", "2024-11", "2025-03")) {
            LocalDate first = LocalDate.parse(month + "-01");
            long inMonth = first.plusDays(14).atStartOfDay(plan.timezone()).toInstant().toEpochMilli();
            long arrival = first.plusMonths(1).plusDays(12 + random.nextInt(8)).atStartOfDay(plan.timezone())
                    .toInstant().toEpochMilli();
            Production p = Production.of(nextId("adj"), enterpriseId(random.nextInt(enterprises)), inMonth,
                    "ADJUSTMENT", -50_000_00L - random.nextInt(1000), 10_000_00L);
            insertAt(production, firstIndexAtOrAfter(production, arrival),
                    new Record(SourceTopic.PRODUCTION, p.enterpriseId(), productionJson(p, false), Expect.VALID, p));
        }
        // late: a year old at the end of the stream
        for (int k = 0; k < 4; k++) {
            Production p = Production.of(nextId("late"), enterpriseId(k), at("2024-03-10T10:00:00+08:00") + k * DAY,
                    "OUTPUT", 999_999_99L, 999_999_99L);
            production.add(new Record(SourceTopic.PRODUCTION, p.enterpriseId(), productionJson(p, false),
                    Expect.VALID, p));
        }
        // malformed records of many kinds
        String good = "\"eventId\":\"m%d\",\"enterpriseId\":\"E001\",\"ts\":\"2024-05-05T10:00:00+08:00\"";
        String[][] bad = {
            {"{\"eventId\":\"m1\",\"enterpriseId\":", "MALFORMED_JSON"},
            {"[1,2,3]", "MALFORMED_JSON"},
            {"\"just a string\"", "MALFORMED_JSON"},
            {"{" + good + ",\"kind\":\"OUTPUT\",\"outputValue\":NaN,\"revenue\":1}", "MALFORMED_JSON"},
            {"{" + good + ",\"kind\":\"OUTPUT\",\"outputValue\":1.005,\"revenue\":1}", "SCHEMA_VIOLATION"},
            {"{" + good + ",\"kind\":\"GUESS\",\"outputValue\":1,\"revenue\":1}", "SCHEMA_VIOLATION"},
            {"{" + good + ",\"kind\":\"OUTPUT\",\"outputValue\":-1,\"revenue\":1}", "SCHEMA_VIOLATION"},
            {"{" + good.replace("+08:00", "") + ",\"kind\":\"OUTPUT\",\"outputValue\":1,\"revenue\":1}",
                "SCHEMA_VIOLATION"},
            {"{" + good.replace("2024-05-05", "9999-05-05") + ",\"kind\":\"OUTPUT\",\"outputValue\":1,\"revenue\":1}",
                "OUT_OF_RANGE"},
            {"{" + good + ",\"kind\":\"OUTPUT\",\"outputValue\":12345678901234567890123456789012345678901,"
                + "\"revenue\":1}", "SCHEMA_VIOLATION"},
        };
        for (int k = 0; k < bad.length; k++) {
            insertAt(production, 50 + k * (production.size() / (bad.length + 1)),
                    malformed(SourceTopic.PRODUCTION, enterpriseId(k), String.format(bad[k][0], k),
                            Expect.valueOf(bad[k][1])));
        }
        byte[] invalidUtf8 = {'{', '"', 'e', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        insertAt(production, 77, new Record(SourceTopic.PRODUCTION, enterpriseId(3), invalidUtf8,
                Expect.MALFORMED_JSON, null));
        byte[] randomBytes = new byte[200];
        random.nextBytes(randomBytes);
        randomBytes[0] = (byte) 0xFF;
        insertAt(production, 88, new Record(SourceTopic.PRODUCTION, enterpriseId(4), randomBytes,
                Expect.MALFORMED_JSON, null));

        // --- investment events
        for (int k = 0; k < 24; k++) {
            long ts = at("2023-01-10T10:00:00+08:00") + k * 20L * DAY;
            Investment inv = new Investment(nextId("inv"), "PRJ-" + (k % 9), ts,
                    k % 3 == 0 ? "SIGNED" : "INVESTMENT_REPORTED", districts.get(k % districts.size()),
                    (100_000_000L + random.nextInt(1_000_000)) * 100, random.nextBoolean());
            investment.add(new Record(SourceTopic.INVESTMENT, inv.projectId(), investmentJson(inv), Expect.VALID, inv));
        }
        // major projects: exactly at the threshold counts, a cent below does not
        long[] majors = {500_000_000_000L, 499_999_999_999L, 700_000_000_000L, 1_200_000_000_000L};
        for (int k = 0; k < majors.length; k++) {
            long ts = at("2023-05-10T10:00:00+08:00") + k * 70L * DAY;
            Investment inv = new Investment(nextId("major"), "PRJ-M" + k, ts, "SIGNED", districts.get(k % 2 == 0 ? 5 : k),
                    majors[k], k == 2);
            insertByTime(inv);
        }
        // key projects' milestones (the lights, project_progress): PRJ-M0 starts in time and invests little (YELLOW
        // once its invested share trails its time), PRJ-M2 starts late (RED in the months between) and completes,
        // PRJ-M1 starts at once and invests in step, PRJ-M3 never starts (RED after 90 days); PRJ-0 starts in time
        Object[][] milestones = {
            {"PRJ-M0", 40, "STARTED", null}, {"PRJ-M0", 100, "INVESTMENT_REPORTED", 2_000_000_000L},
            {"PRJ-M0", 200, "INVESTMENT_REPORTED", 1_000_000_000L},
            {"PRJ-M2", 105, "STARTED", null}, {"PRJ-M2", 130, "INVESTMENT_REPORTED", 400_000_000_000L},
            {"PRJ-M2", 160, "COMPLETED", null},
            {"PRJ-M1", 3, "STARTED", null}, {"PRJ-M1", 60, "INVESTMENT_REPORTED", 300_000_000_000L},
            {"PRJ-0", 30, "STARTED", null},
        };
        for (Object[] m : milestones) {
            Investment signing = investment.stream().map(r -> (Investment) r.fact())
                    .filter(i -> i.projectId().equals(m[0]) && i.type().equals("SIGNED")).findFirst().orElseThrow();
            insertByTime(new Investment(nextId("ms"), (String) m[0], signing.ts() + (int) m[1] * DAY, (String) m[2],
                    signing.district(), (Long) m[3], false));
        }
        Record dup = investment.get(4);
        insertAt(investment, 6, new Record(SourceTopic.INVESTMENT, dup.key(), dup.payload(), Expect.VALID, dup.fact()));
        insertAt(investment, 9, malformed(SourceTopic.INVESTMENT, "PRJ-X",
                "{\"eventId\":\"iv-x\",\"projectId\":\"PRJ-X\",\"ts\":\"2023-06-01T00:00:00+08:00\","
                        + "\"type\":\"SIGNED\",\"districtCode\":\"999999\",\"amount\":1}", Expect.UNKNOWN_REGION));
        insertAt(investment, 11, malformed(SourceTopic.INVESTMENT, "PRJ-Y",
                "{\"eventId\":\"iv-y\",\"projectId\":\"PRJ-Y\",\"ts\":\"2023-06-01T00:00:00+08:00\","
                        + "\"type\":\"SIGNED\",\"districtCode\":\"370402\"}", Expect.SCHEMA_VIOLATION));
    }

    /** Adds an investment event after every one at or before its time (the stream stays in time order). */
    private void insertByTime(Investment inv) {
        int at = 0;
        while (at < investment.size() && investment.get(at).fact() instanceof Investment i && i.ts() <= inv.ts()) {
            at++;
        }
        insertAt(investment, at, new Record(SourceTopic.INVESTMENT, inv.projectId(), investmentJson(inv),
                Expect.VALID, inv));
    }

    private static int firstIndexAtOrAfter(List<Record> records, long ts) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).fact() instanceof Production p && p.ts() >= ts) {
                return i;
            }
        }
        return records.size();
    }

    private static void insertAt(List<Record> list, int index, Record r) {
        list.add(Math.min(index, list.size()), r);
    }

    private static Record malformed(SourceTopic source, String key, String text, Expect expect) {
        return new Record(source, key, text.getBytes(StandardCharsets.UTF_8), expect, null);
    }

    private static String enterpriseId(int i) {
        return String.format("E%03d", i);
    }

    private String nextId(String prefix) {
        return prefix + "-" + (nextId++);
    }

    /** Event times in varying but valid notations: the plan's offset, UTC with Z, or +00:00. */
    private String time(long ts) {
        return switch (random.nextInt(3)) {
            case 0 -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.ofHours(8)).toString();
            case 1 -> Instant.ofEpochMilli(ts).toString();
            default -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC).toString()
                    .replace("Z", "+00:00");
        };
    }

    private static String amount(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static long electricity(Production p) {
        return Math.abs(p.outputCents()) % 100_000;
    }

    /** The event as JSON; {@code reordered}: the fields in another order and spacing, the amounts last first. */
    private byte[] productionJson(Production p, boolean reordered) {
        List<String> amounts = new ArrayList<>();
        p.amounts().forEach((field, cents) -> amounts.add("\"" + field + "\"" + (reordered ? ": " : ":") + amount(cents)));
        String json;
        if (reordered) {
            java.util.Collections.reverse(amounts);
            json = "{ " + String.join(", ", amounts) + ", \"kind\": \"" + p.kind() + "\", \"ts\": \""
                    + time(p.ts()) + "\", \"enterpriseId\": \"" + p.enterpriseId() + "\", \"eventId\": \""
                    + p.eventId() + "\", \"electricityKwh\": " + electricity(p) + ".0, \"source\": \"resent\" }";
        } else {
            json = "{\"eventId\":\"" + p.eventId() + "\",\"enterpriseId\":\"" + p.enterpriseId() + "\",\"ts\":\""
                    + time(p.ts()) + "\",\"kind\":\"" + p.kind() + "\"," + String.join(",", amounts)
                    + ",\"electricityKwh\":" + electricity(p) + "}";
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] registryJson(Registry r, String extra) {
        StringBuilder b = new StringBuilder("{\"eventId\":\"").append(r.eventId()).append("\",\"enterpriseId\":\"")
                .append(r.enterpriseId()).append("\",\"ts\":\"").append(time(r.ts())).append("\",\"type\":\"")
                .append(r.type()).append('"');
        if (r.type().equals("REGISTERED")) {
            b.append(",\"name\":\"企业 ").append(r.enterpriseId()).append("\",\"townCode\":\"T-")
                    .append(r.district()).append("\"");
        }
        if (r.district() != null) {
            b.append(",\"districtCode\":\"").append(r.district()).append('"');
        }
        if (r.town() != null) {
            b.append(",\"townCode\":\"").append(r.town()).append('"');
        }
        if (r.chain() != null) {
            b.append(",\"chain\":\"").append(r.chain()).append('"');
        }
        if (r.park() != null) {
            b.append(",\"parkId\":\"").append(r.park()).append('"');
        }
        if (r.certification() != null) {
            b.append(",\"certification\":\"").append(r.certification()).append('"');
        }
        if (extra != null) {
            b.append(',').append(extra);
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] investmentJson(Investment i) {
        return ("{\"eventId\":\"" + i.eventId() + "\",\"projectId\":\"" + i.projectId() + "\",\"ts\":\"" + time(i.ts())
                + "\",\"type\":\"" + i.type() + "\",\"districtCode\":\"" + i.district() + "\",\"chain\":\"NEW_ENERGY\","
                + (i.amountCents() == null ? "" : "\"amount\":" + amount(i.amountCents()) + ",")
                + "\"techRenovation\":" + i.techRenovation() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
