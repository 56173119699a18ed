package io.beizeng.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.generator.EventGenerator.Granularity;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.TestPlans;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    private static final Plan PLAN = TestPlans.zaozhuang();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<SourceTopic, ByteArrayOutputStream> generate(EventGenerator.Settings settings, LocalDate from,
            LocalDate to) {
        Map<SourceTopic, ByteArrayOutputStream> out = new EnumMap<>(SourceTopic.class);
        for (SourceTopic t : SourceTopic.values()) {
            out.put(t, new ByteArrayOutputStream());
        }
        new EventGenerator(PLAN, settings).generate(from, to, (topic, key, value) -> {
            out.get(topic).writeBytes(value);
            out.get(topic).write('\n');
        });
        return out;
    }

    private static EventGenerator.Settings settings(long seed, int enterprises, Granularity g, double malformed) {
        return new EventGenerator.Settings(seed, enterprises, g, 0.01, 0.005, 0.001, malformed);
    }

    @Test
    void theSameSeedGivesTheSameBytesAnotherSeedOthers() {
        LocalDate from = LocalDate.of(2022, 1, 1);
        LocalDate to = LocalDate.of(2022, 4, 30);
        var a = generate(settings(5, 60, Granularity.DAILY, 0.001), from, to);
        var b = generate(settings(5, 60, Granularity.DAILY, 0.001), from, to);
        var c = generate(settings(6, 60, Granularity.DAILY, 0.001), from, to);
        for (SourceTopic t : SourceTopic.values()) {
            assertThat(a.get(t).toByteArray()).as(t.name()).isEqualTo(b.get(t).toByteArray());
        }
        assertThat(a.get(SourceTopic.PRODUCTION).size()).isGreaterThan(100_000);
        assertThat(a.get(SourceTopic.PRODUCTION).toByteArray()).isNotEqualTo(c.get(SourceTopic.PRODUCTION).toByteArray());
    }

    @Test
    void everyRecordValidatesAgainstItsSchemaExceptTheIntendedShareOfMalformedOnes() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<SourceTopic, JsonSchema> schemas = new EnumMap<>(SourceTopic.class);
        schemas.put(SourceTopic.PRODUCTION, factory.getSchema(Files.readString(Path.of("..", "schemas", "production-event.schema.json"))));
        schemas.put(SourceTopic.ENTERPRISE, factory.getSchema(Files.readString(Path.of("..", "schemas", "enterprise-event.schema.json"))));
        schemas.put(SourceTopic.INVESTMENT, factory.getSchema(Files.readString(Path.of("..", "schemas", "investment-event.schema.json"))));

        double rate = 0.01;
        EventGenerator generator = new EventGenerator(PLAN, settings(11, 80, Granularity.DAILY, rate));
        Map<SourceTopic, long[]> counts = new EnumMap<>(SourceTopic.class); // records, invalid
        generator.generate(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 9, 30), (topic, key, value) -> {
            long[] c = counts.computeIfAbsent(topic, t -> new long[2]);
            c[0]++;
            if (!valid(schemas.get(topic), value)) {
                c[1]++;
            }
        });
        EventGenerator.Stats stats = generator.stats();
        long total = 0;
        long invalid = 0;
        for (SourceTopic t : SourceTopic.values()) {
            long[] c = counts.get(t);
            assertThat(c[0]).isEqualTo(stats.records.get(t));
            assertThat(c[1]).as("invalid records of %s are exactly the malformed ones", t)
                    .isEqualTo(stats.malformed.getOrDefault(t, 0L));
            total += c[0];
            invalid += c[1];
        }
        assertThat((double) invalid / total).isBetween(rate * 0.7, rate * 1.3);
        assertThat(stats.duplicates.get(SourceTopic.PRODUCTION)).isPositive();
        assertThat(stats.late).isPositive();
    }

    private static boolean valid(JsonSchema schema, byte[] value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (Exception e) {
            return false;
        }
        return node != null && schema.validate(node).isEmpty();
    }

    @Test
    void eachDistrictProducesAboutItsBaselineInTheBaselineYear() throws Exception {
        Map<String, String> districtOf = new HashMap<>();
        Map<String, BigDecimal> byDistrict = new HashMap<>();
        new EventGenerator(PLAN, settings(3, 2500, Granularity.MONTHLY, 0)).generate(
                LocalDate.of(2022, 1, 1), LocalDate.of(2023, 12, 31), (topic, key, value) -> {
                    try {
                        JsonNode n = JSON.readTree(value);
                        if (topic == SourceTopic.ENTERPRISE && n.has("districtCode")) {
                            districtOf.put(key, n.get("districtCode").asText());
                        } else if (topic == SourceTopic.PRODUCTION
                                && OffsetDateTime.parse(n.get("ts").asText()).getYear() == 2023) {
                            byDistrict.merge(districtOf.get(key), n.get("outputValue").decimalValue(), BigDecimal::add);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        // the year's output is the baseline grown by the district's rate over part of the year, with relocations
        for (Region d : PLAN.districts()) {
            double baseline = PLAN.indicator(Indicator.OUTPUT_VALUE).baselines().get(d.code()).doubleValue();
            assertThat(byDistrict.get(d.code()).doubleValue()).as(d.name()).isBetween(0.85 * baseline, 1.35 * baseline);
        }
    }

    @Test
    void projectsStartAfterSigningAndCompleteAfterStartingSomeLate() throws Exception {
        Map<String, Map<String, LocalDate>> milestones = new HashMap<>(); // project → type → day
        Map<String, String> ids = new HashMap<>(); // "project type" → event id
        new EventGenerator(PLAN, settings(5, 50, Granularity.MONTHLY, 0)).generate(
                LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31), (topic, key, value) -> {
                    if (topic != SourceTopic.INVESTMENT) {
                        return;
                    }
                    try {
                        JsonNode n = JSON.readTree(value);
                        String type = n.get("type").asText();
                        assertThat(n.has("amount")).as(type + " carries an amount")
                                .isEqualTo(type.equals("SIGNED") || type.equals("INVESTMENT_REPORTED"));
                        if (!type.equals("INVESTMENT_REPORTED")) {
                            // once, or again as a duplicate of the same event (the world's duplicates)
                            LocalDate day = OffsetDateTime.parse(n.get("ts").asText()).toLocalDate();
                            String id = n.get("eventId").asText();
                            String before = ids.put(key + " " + type, id);
                            assertThat(before == null || before.equals(id)).as(key + " " + type + " once").isTrue();
                            milestones.computeIfAbsent(key, k -> new HashMap<>()).put(type, day);
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        int signedInTime = 0;
        int lateStarts = 0;
        int longBuilds = 0;
        int completed = 0;
        for (var m : milestones.entrySet()) {
            LocalDate signed = m.getValue().get("SIGNED");
            LocalDate started = m.getValue().get("STARTED");
            LocalDate done = m.getValue().get("COMPLETED");
            assertThat(signed).as(m.getKey() + " signed first").isNotNull();
            if (started != null) {
                assertThat(started).as(m.getKey() + " starts after signing").isAfter(signed);
                long delay = java.time.temporal.ChronoUnit.DAYS.between(signed, started);
                signedInTime += delay <= 90 ? 1 : 0;
                lateStarts += delay > 90 ? 1 : 0;
            }
            if (done != null) {
                assertThat(done).as(m.getKey() + " completes after starting").isAfter(started);
                completed++;
                longBuilds += java.time.temporal.ChronoUnit.DAYS.between(started, done) > 730 ? 1 : 0;
            }
        }
        assertThat(lateStarts).as("late starts").isBetween((signedInTime + lateStarts) / 6, (signedInTime + lateStarts) / 2);
        assertThat(completed).as("completed projects").isPositive();
        assertThat(longBuilds).as("builds longer than 730 days").isPositive();
    }

    /** A generator started again (same seed, same history) must not reuse the ids of the live reports sent before. */
    @Test
    void liveIdsAreUniqueToARunHistoryIdsTheSameInEach() throws Exception {
        LocalDate from = LocalDate.of(2022, 1, 1);
        LocalDate to = LocalDate.of(2022, 3, 31);
        long firstStart = OffsetDateTime.parse("2022-04-01T10:00:00+08:00").toInstant().toEpochMilli();
        Map<String, Integer> history = new HashMap<>();
        java.util.List<java.util.Set<String>> liveIds = new java.util.ArrayList<>();
        for (long start : new long[] {firstStart, firstStart + 60_000}) {
            EventGenerator g = new EventGenerator(PLAN, settings(9, 40, Granularity.MONTHLY, 0));
            java.util.List<String> ids = new java.util.ArrayList<>();
            g.generate(from, to, (topic, key, value) -> ids.add(eventId(value)));
            ids.forEach(id -> history.merge(id, 1, Integer::sum));
            java.util.Set<String> live = new java.util.HashSet<>();
            for (int tick = 0; tick < 20; tick++) {
                g.live(start + tick * 100L, 10, 1.0, (topic, key, value) -> live.add(eventId(value)));
            }
            assertThat(live).isNotEmpty();
            liveIds.add(live);
        }
        assertThat(history.values()).as("each history id is sent by both runs").allMatch(n -> n % 2 == 0);
        assertThat(liveIds.get(0)).doesNotContainAnyElementsOf(liveIds.get(1)).doesNotContainAnyElementsOf(history.keySet());
    }

    private static String eventId(byte[] json) {
        try {
            return JSON.readTree(json).path("eventId").asText("malformed");
        } catch (java.io.IOException e) {
            return "malformed";
        }
    }
}
