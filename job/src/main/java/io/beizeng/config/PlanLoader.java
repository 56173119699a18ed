package io.beizeng.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import io.beizeng.model.Chain;
import io.beizeng.model.LeadingTier;

/**
 * Reads and validates a plan file. Every error names the field (as a JSON path) and what is wrong with it, so a
 * plan author can fix it without reading code.
 */
public final class PlanLoader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final Pattern PLAN_ID = Pattern.compile("[0-9A-Za-z_.-]{1,64}");
    private static final Set<String> TOP_FIELDS = Set.of(
            "planId", "name", "description", "timezone", "baselineYear", "targetYear", "statusTolerance", "city",
            "districts", "indicators", "majorProjectThreshold", "chains", "chainIndicators", "clusterIndicator", "parks",
            "leadingTiers", "population", "assessment", "projectRules");
    private static final BigDecimal DEFAULT_TOLERANCE = new BigDecimal("0.02");
    private static final BigDecimal DEFAULT_MAJOR_PROJECT_THRESHOLD = new BigDecimal("5000000000");

    private PlanLoader() {}

    public static Plan load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PlanException("plan file " + file + " does not exist");
        } catch (IOException e) {
            throw new PlanException("cannot read plan file " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    public static Plan parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PlanException("plan file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PlanException("plan file must hold one JSON object");
        }
        onlyFields(root, "", TOP_FIELDS);

        String planId = text(root, "planId", true);
        if (!PLAN_ID.matcher(planId).matches()) {
            throw new PlanException("planId: '" + planId + "' must be 1-64 of letters, digits, '_', '.', '-'");
        }
        String name = text(root, "name", true);
        ZoneId zone;
        String tz = text(root, "timezone", true);
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new PlanException("timezone: '" + tz + "' is not a time zone id (e.g. Asia/Shanghai)");
        }
        int baselineYear = year(root, "baselineYear");
        int targetYear = year(root, "targetYear");
        if (targetYear <= baselineYear) {
            throw new PlanException(
                    "targetYear: " + targetYear + " must be after baselineYear " + baselineYear);
        }
        BigDecimal tolerance = DEFAULT_TOLERANCE;
        if (root.has("statusTolerance")) {
            tolerance = decimal(root.get("statusTolerance"), "statusTolerance");
            if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) >= 0) {
                throw new PlanException("statusTolerance: " + tolerance + " must be in [0, 1)");
            }
        }

        Region city = region(object(root, "city", "city"), "city");
        JsonNode districtsNode = root.get("districts");
        if (districtsNode == null || !districtsNode.isArray() || districtsNode.isEmpty()) {
            throw new PlanException("districts: must be a non-empty array of {code, name}");
        }
        List<Region> districts = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        codes.add(city.code());
        for (int i = 0; i < districtsNode.size(); i++) {
            Region d = region(districtsNode.get(i), "districts[" + i + "]");
            if (!codes.add(d.code())) {
                throw new PlanException("districts[" + i + "].code: '" + d.code() + "' is used twice");
            }
            districts.add(d);
        }

        JsonNode indicatorsNode = object(root, "indicators", "indicators");
        if (indicatorsNode.isEmpty()) {
            throw new PlanException("indicators: must name at least one indicator");
        }
        Map<Indicator, IndicatorPlan> indicators = new EnumMap<>(Indicator.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = indicatorsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Indicator indicator;
            try {
                indicator = Indicator.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new PlanException("indicators." + e.getKey() + ": unknown indicator (known: "
                        + java.util.Arrays.toString(Indicator.values()) + ")");
            }
            indicators.put(indicator, indicatorPlan(indicator, e.getValue(), "indicators." + e.getKey(), districts));
        }
        BigDecimal threshold = DEFAULT_MAJOR_PROJECT_THRESHOLD;
        if (root.has("majorProjectThreshold")) {
            threshold = decimal(root.get("majorProjectThreshold"), "majorProjectThreshold");
            if (threshold.signum() <= 0 || threshold.scale() > 2) {
                throw new PlanException("majorProjectThreshold: " + threshold.toPlainString()
                        + " must be a positive amount in CNY with at most 2 fraction digits");
            }
        }
        Map<Chain, BigDecimal> clusterTargets = new EnumMap<>(Chain.class);
        if (root.has("chains")) {
            JsonNode chains = object(root, "chains", "chains");
            for (Iterator<Map.Entry<String, JsonNode>> it = chains.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "chains." + e.getKey();
                Chain chain;
                try {
                    chain = Chain.valueOf(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw new PlanException(path + ": unknown chain (known: " + java.util.Arrays.toString(Chain.values()) + ")");
                }
                if (!e.getValue().isObject()) {
                    throw new PlanException(path + ": must be an object {clusterTarget}");
                }
                onlyFields(e.getValue(), path + ".", Set.of("clusterTarget", "description"));
                JsonNode t = e.getValue().get("clusterTarget");
                if (t == null || t.isNull()) {
                    continue; // a chain without a cluster target
                }
                BigDecimal target = decimal(t, path + ".clusterTarget");
                if (target.signum() <= 0 || target.stripTrailingZeros().scale() > 2) {
                    throw new PlanException(path + ".clusterTarget: " + target.toPlainString()
                            + " must be > 0 with at most 2 fraction digits");
                }
                clusterTargets.put(chain, target.setScale(2));
            }
        }
        Indicator clusterIndicator = Indicator.OUTPUT_VALUE;
        if (root.has("clusterIndicator")) {
            clusterIndicator = productionFlow(root.get("clusterIndicator"), "clusterIndicator");
        }
        List<Indicator> chainIndicators = new ArrayList<>(List.of(clusterIndicator));
        if (root.has("chainIndicators")) {
            JsonNode list = root.get("chainIndicators");
            if (!list.isArray() || list.isEmpty()) {
                throw new PlanException("chainIndicators: must be a non-empty array of indicator names");
            }
            chainIndicators.clear();
            for (int i = 0; i < list.size(); i++) {
                Indicator indicator = productionFlow(list.get(i), "chainIndicators[" + i + "]");
                if (chainIndicators.contains(indicator)) {
                    throw new PlanException("chainIndicators[" + i + "]: " + indicator + " is named twice");
                }
                chainIndicators.add(indicator);
            }
            if (!chainIndicators.contains(clusterIndicator)) {
                throw new PlanException("chainIndicators: must name the clusterIndicator " + clusterIndicator);
            }
        }
        List<ParkPlan> parks = new ArrayList<>();
        if (root.has("parks")) {
            JsonNode parksNode = root.get("parks");
            if (!parksNode.isArray()) {
                throw new PlanException("parks: must be an array of {id, name, baseline, multiplier}");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < parksNode.size(); i++) {
                String path = "parks[" + i + "]";
                JsonNode p = parksNode.get(i);
                if (!p.isObject()) {
                    throw new PlanException(path + ": must be an object {id, name, baseline, multiplier}");
                }
                onlyFields(p, path + ".", Set.of("id", "name", "nameEn", "districtCode", "baseline", "multiplier",
                        "indicators", "description"));
                String id = text(p, "id", true, path + ".id");
                if (!ids.add(id)) {
                    throw new PlanException(path + ".id: '" + id + "' is used twice");
                }
                if (p.has("districtCode") && districts.stream().noneMatch(d -> d.code().equals(p.get("districtCode").asText()))) {
                    throw new PlanException(path + ".districtCode: '" + p.get("districtCode").asText()
                            + "' is not a district of the plan");
                }
                Map<Indicator, ParkPlan.Growth> targets = new LinkedHashMap<>();
                // the park's output value: baseline and multiplier at its top level
                targets.put(Indicator.OUTPUT_VALUE, growth(p, path));
                if (p.has("indicators")) {
                    JsonNode more = object(p, "indicators", path + ".indicators");
                    for (Iterator<Map.Entry<String, JsonNode>> it = more.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        String at = path + ".indicators." + e.getKey();
                        Indicator indicator = productionFlow(new com.fasterxml.jackson.databind.node.TextNode(e.getKey()), at);
                        if (targets.containsKey(indicator)) {
                            throw new PlanException(at + ": given at the park's top level already");
                        }
                        if (!e.getValue().isObject()) {
                            throw new PlanException(at + ": must be an object {baseline, multiplier}");
                        }
                        onlyFields(e.getValue(), at + ".", Set.of("baseline", "multiplier"));
                        targets.put(indicator, growth(e.getValue(), at));
                    }
                }
                parks.add(new ParkPlan(id, text(p, "name", true, path + ".name"), text(p, "nameEn", false, path + ".nameEn"),
                        Collections.unmodifiableMap(targets)));
            }
        }
        Map<LeadingTier, BigDecimal> tiers = new EnumMap<>(LeadingTier.class);
        tiers.put(LeadingTier.REVENUE_OVER_5B, new BigDecimal("5000000000.00"));
        tiers.put(LeadingTier.REVENUE_OVER_10B, new BigDecimal("10000000000.00"));
        if (root.has("leadingTiers")) {
            JsonNode given = object(root, "leadingTiers", "leadingTiers");
            Set<String> names = new HashSet<>();
            tiers.keySet().forEach(t -> names.add(t.name()));
            onlyFields(given, "leadingTiers.", names);
            for (LeadingTier tier : tiers.keySet()) {
                if (given.has(tier.name())) {
                    tiers.put(tier, decimal(given.get(tier.name()), "leadingTiers." + tier.name()).setScale(2));
                }
            }
            BigDecimal below = BigDecimal.ZERO;
            for (Map.Entry<LeadingTier, BigDecimal> t : tiers.entrySet()) {
                if (t.getValue().compareTo(below) <= 0) {
                    throw new PlanException("leadingTiers." + t.getKey() + ": " + t.getValue().toPlainString()
                            + " must be above " + below.toPlainString() + " (0 < REVENUE_OVER_5B < REVENUE_OVER_10B)");
                }
                below = t.getValue();
            }
        }
        Population population = root.has("population") ? population(root.get("population"), districts)
                : Population.NONE;
        Assessment assessment = root.has("assessment")
                ? assessment(root.get("assessment"), indicators, population) : null;
        ProjectRules projectRules = root.has("projectRules") ? projectRules(root.get("projectRules"))
                : ProjectRules.DEFAULTS;
        return new Plan(planId, name, zone, baselineYear, targetYear, tolerance, city,
                List.copyOf(districts), Collections.unmodifiableMap(indicators), threshold.setScale(2),
                List.copyOf(chainIndicators), clusterIndicator, Collections.unmodifiableMap(clusterTargets),
                List.copyOf(parks), Collections.unmodifiableMap(tiers), population, assessment, projectRules);
    }

    /** {startWithinDays, completeWithinDays, investedShareLag}, each optional (defaults: 90, 730, 0.10). */
    private static ProjectRules projectRules(JsonNode node) {
        if (!node.isObject()) {
            throw new PlanException("projectRules: must be an object {startWithinDays, completeWithinDays, "
                    + "investedShareLag}");
        }
        onlyFields(node, "projectRules.", Set.of("startWithinDays", "completeWithinDays", "investedShareLag"));
        ProjectRules d = ProjectRules.DEFAULTS;
        int start = node.has("startWithinDays") ? days(node.get("startWithinDays"), "projectRules.startWithinDays")
                : d.startWithinDays();
        int complete = node.has("completeWithinDays")
                ? days(node.get("completeWithinDays"), "projectRules.completeWithinDays") : d.completeWithinDays();
        BigDecimal lag = d.investedShareLag();
        if (node.has("investedShareLag")) {
            lag = decimal(node.get("investedShareLag"), "projectRules.investedShareLag");
            if (lag.signum() < 0 || lag.compareTo(BigDecimal.ONE) > 0) {
                throw new PlanException("projectRules.investedShareLag: " + lag.toPlainString()
                        + " must be between 0 and 1");
            }
        }
        return new ProjectRules(start, complete, lag);
    }

    private static int days(JsonNode n, String path) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > 36_500) {
            throw new PlanException(path + ": must be a whole number of days from 1 to 36500, is " + n);
        }
        return n.intValue();
    }

    /**
     * {districtCode: persons} or {districtCode: {year: persons}}, for every district of the plan (the city's is the
     * sum of its districts').
     */
    private static Population population(JsonNode node, List<Region> districts) {
        if (!node.isObject()) {
            throw new PlanException("population: must be an object {districtCode: persons or {year: persons}}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String code = it.next();
            if (districts.stream().noneMatch(d -> d.code().equals(code))) {
                throw new PlanException("population." + code + ": not a district of the plan (the city's population "
                        + "is the sum of its districts')");
            }
        }
        Map<String, java.util.NavigableMap<Integer, Long>> byDistrict = new LinkedHashMap<>();
        for (Region d : districts) {
            String path = "population." + d.code();
            JsonNode v = node.get(d.code());
            if (v == null || v.isNull()) {
                throw new PlanException(path + ": missing population of district " + d.name());
            }
            java.util.TreeMap<Integer, Long> figures = new java.util.TreeMap<>();
            if (v.isObject()) {
                if (v.isEmpty()) {
                    throw new PlanException(path + ": must give at least one year");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    int year;
                    try {
                        year = Integer.parseInt(e.getKey());
                    } catch (NumberFormatException ex) {
                        throw new PlanException(path + "." + e.getKey() + ": not a year");
                    }
                    figures.put(year, persons(e.getValue(), path + "." + e.getKey()));
                }
            } else {
                figures.put(Integer.MIN_VALUE, persons(v, path));
            }
            byDistrict.put(d.code(), Collections.unmodifiableNavigableMap(figures));
        }
        return new Population(Collections.unmodifiableMap(byDistrict));
    }

    private static long persons(JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() <= 0) {
            throw new PlanException(path + ": must be a whole number of persons > 0, is " + v);
        }
        return v.longValue();
    }

    /** {indicators {INDICATOR: {weight, perCapita}}, cap, grades [{grade, minScore}]}. */
    private static Assessment assessment(JsonNode node, Map<Indicator, IndicatorPlan> planned, Population population) {
        if (!node.isObject()) {
            throw new PlanException("assessment: must be an object {indicators, cap, grades}");
        }
        onlyFields(node, "assessment.", Set.of("indicators", "cap", "grades", "description"));
        JsonNode list = object(node, "indicators", "assessment.indicators");
        if (list.isEmpty()) {
            throw new PlanException("assessment.indicators: must name at least one indicator");
        }
        Map<Indicator, Assessment.Weight> weights = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "assessment.indicators." + e.getKey();
            Indicator indicator;
            try {
                indicator = Indicator.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new PlanException(path + ": unknown indicator");
            }
            if (!planned.containsKey(indicator)) {
                throw new PlanException(path + ": not an indicator of the plan (add it to indicators)");
            }
            if (!e.getValue().isObject()) {
                throw new PlanException(path + ": must be an object {weight, perCapita}");
            }
            onlyFields(e.getValue(), path + ".", Set.of("weight", "perCapita"));
            JsonNode w = e.getValue().get("weight");
            if (w == null) {
                throw new PlanException(path + ".weight: missing");
            }
            BigDecimal weight = decimal(w, path + ".weight");
            if (weight.signum() <= 0) {
                throw new PlanException(path + ".weight: " + weight.toPlainString() + " must be > 0");
            }
            boolean perCapita = false;
            JsonNode pc = e.getValue().get("perCapita");
            if (pc != null) {
                if (!pc.isBoolean()) {
                    throw new PlanException(path + ".perCapita: must be true or false");
                }
                perCapita = pc.booleanValue();
            }
            if (perCapita && population.isEmpty()) {
                throw new PlanException(path + ".perCapita: needs the plan's population");
            }
            if (perCapita && indicator.unit() != Indicator.Unit.CNY) {
                throw new PlanException(path + ".perCapita: " + indicator + " is not an amount in CNY");
            }
            weights.put(indicator, new Assessment.Weight(weight, perCapita));
        }
        BigDecimal cap = new BigDecimal("1.2");
        if (node.has("cap")) {
            cap = decimal(node.get("cap"), "assessment.cap");
            if (cap.signum() <= 0) {
                throw new PlanException("assessment.cap: " + cap.toPlainString() + " must be > 0");
            }
        }
        List<Assessment.Grade> grades = new ArrayList<>();
        if (node.has("grades")) {
            JsonNode g = node.get("grades");
            if (!g.isArray() || g.isEmpty()) {
                throw new PlanException("assessment.grades: must be a non-empty array of {grade, minScore}");
            }
            for (int i = 0; i < g.size(); i++) {
                String path = "assessment.grades[" + i + "]";
                JsonNode item = g.get(i);
                if (!item.isObject()) {
                    throw new PlanException(path + ": must be an object {grade, minScore}");
                }
                onlyFields(item, path + ".", Set.of("grade", "minScore"));
                String grade = text(item, "grade", true, path + ".grade");
                JsonNode m = item.get("minScore");
                if (m == null) {
                    throw new PlanException(path + ".minScore: missing");
                }
                BigDecimal min = decimal(m, path + ".minScore");
                if (!grades.isEmpty() && min.compareTo(grades.get(grades.size() - 1).minScore()) >= 0) {
                    throw new PlanException(path + ".minScore: " + min.toPlainString() + " must be below the grade "
                            + "before it (grades go from the highest down)");
                }
                grades.add(new Assessment.Grade(grade, min));
            }
            if (grades.get(grades.size() - 1).minScore().signum() != 0) {
                throw new PlanException("assessment.grades[" + (grades.size() - 1) + "].minScore: the last grade's "
                        + "minimum must be 0");
            }
        } else {
            for (String[] d : new String[][] {{"A", "100"}, {"B", "90"}, {"C", "80"}, {"D", "0"}}) {
                grades.add(new Assessment.Grade(d[0], new BigDecimal(d[1])));
            }
        }
        return new Assessment(Collections.unmodifiableMap(weights), cap, List.copyOf(grades));
    }

    /** A flow fed by production events: what chains and parks can track (those events carry chain and park). */
    private static Indicator productionFlow(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new PlanException(path + ": must be an indicator name");
        }
        Indicator indicator;
        try {
            indicator = Indicator.valueOf(node.asText());
        } catch (IllegalArgumentException e) {
            throw new PlanException(path + ": unknown indicator '" + node.asText() + "'");
        }
        if (indicator.source() != Indicator.Source.PRODUCTION || indicator.kind() != Indicator.Kind.FLOW) {
            throw new PlanException(path + ": " + indicator + " is not a flow of production events (only those "
                    + "carry the enterprises' chain and park)");
        }
        return indicator;
    }

    /** {baseline, multiplier} of a park's indicator. */
    private static ParkPlan.Growth growth(JsonNode node, String path) {
        JsonNode b = node.get("baseline");
        JsonNode m = node.get("multiplier");
        if (b == null || m == null) {
            throw new PlanException(path + "." + (b == null ? "baseline" : "multiplier") + ": missing");
        }
        BigDecimal baseline = decimal(b, path + ".baseline");
        BigDecimal multiplier = decimal(m, path + ".multiplier");
        if (baseline.signum() <= 0 || baseline.stripTrailingZeros().scale() > 2) {
            throw new PlanException(path + ".baseline: " + baseline.toPlainString()
                    + " must be > 0 with at most 2 fraction digits");
        }
        if (multiplier.signum() <= 0) {
            throw new PlanException(path + ".multiplier: " + multiplier + " must be > 0");
        }
        return new ParkPlan.Growth(baseline.setScale(2), multiplier);
    }

    private static IndicatorPlan indicatorPlan(
            Indicator indicator, JsonNode node, String path, List<Region> districts) {
        if (!node.isObject()) {
            throw new PlanException(path + ": must be an object");
        }
        if (indicator.hasAnnualCountTargets()) {
            onlyFields(node, path + ".", Set.of("annualTargets", "unit", "description"));
            Map<String, BigDecimal> targets = perDistrict(object(node, "annualTargets", path + ".annualTargets"),
                    path + ".annualTargets", districts, "annual target", 0, indicator.isStock());
            return new IndicatorPlan(null, null, Map.of(), targets, null);
        }
        onlyFields(node, path + ".", Set.of("multiplier", "multipliers", "baselines", "minYoyGrowth", "unit",
                "description"));
        JsonNode m = node.get("multiplier");
        if (m == null) {
            throw new PlanException(path + ".multiplier: missing");
        }
        BigDecimal multiplier = decimal(m, path + ".multiplier");
        if (multiplier.signum() <= 0) {
            throw new PlanException(path + ".multiplier: " + multiplier + " must be > 0");
        }
        BigDecimal floor = null;
        if (node.has("minYoyGrowth")) {
            floor = decimal(node.get("minYoyGrowth"), path + ".minYoyGrowth");
            if (floor.compareTo(BigDecimal.ONE.negate()) <= 0) {
                throw new PlanException(path + ".minYoyGrowth: " + floor + " must be > -1");
            }
        }
        Map<String, BigDecimal> baselines = perDistrict(object(node, "baselines", path + ".baselines"),
                path + ".baselines", districts, "baseline", 2, false);
        Map<String, BigDecimal> multipliers = new LinkedHashMap<>();
        if (node.has("multipliers")) {
            JsonNode own = object(node, "multipliers", path + ".multipliers");
            for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = path + ".multipliers." + e.getKey();
                if (districts.stream().noneMatch(d -> d.code().equals(e.getKey()))) {
                    throw new PlanException(field + ": not a district of the plan");
                }
                BigDecimal m2 = decimal(e.getValue(), field);
                if (m2.signum() <= 0) {
                    throw new PlanException(field + ": " + m2.toPlainString() + " must be > 0");
                }
                multipliers.put(e.getKey(), m2);
            }
        }
        return new IndicatorPlan(multiplier, baselines, Collections.unmodifiableMap(multipliers), null, floor);
    }

    /** A positive decimal (or zero, where allowed) for every district of the plan, and for no other region. */
    private static Map<String, BigDecimal> perDistrict(
            JsonNode b, String path, List<Region> districts, String what, int maxScale, boolean zeroAllowed) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String code = it.next();
            if (districts.stream().noneMatch(d -> d.code().equals(code))) {
                throw new PlanException(path + "." + code + ": not a district of the plan");
            }
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (Region d : districts) {
            JsonNode v = b.get(d.code());
            String field = path + "." + d.code();
            if (v == null || v.isNull()) {
                throw new PlanException(field + ": missing " + what + " for district " + d.name());
            }
            BigDecimal value = decimal(v, field);
            if (value.signum() < 0 || (value.signum() == 0 && !zeroAllowed)) {
                throw new PlanException(field + ": " + what + " " + value.toPlainString() + " must be > 0");
            }
            if (value.stripTrailingZeros().scale() > maxScale) {
                throw new PlanException(field + ": " + what + " " + value.toPlainString() + " has more than "
                        + maxScale + " fraction digits");
            }
            values.put(d.code(), value.setScale(2));
        }
        return Collections.unmodifiableMap(values);
    }

    private static void onlyFields(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new PlanException(prefix + f + ": unknown field");
            }
        }
    }

    private static Region region(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new PlanException(path + ": must be an object {code, name}");
        }
        onlyFields(node, path + ".", Set.of("code", "name", "nameEn"));
        String code = text(node, "code", true, path + ".code");
        if (!CODE.matcher(code).matches()) {
            throw new PlanException(path + ".code: '" + code + "' must be 1-32 letters or digits");
        }
        return new Region(code, text(node, "name", true, path + ".name"), text(node, "nameEn", false, path + ".nameEn"));
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new PlanException(path + ": missing");
        }
        if (!n.isObject()) {
            throw new PlanException(path + ": must be an object, is " + n.getNodeType().name().toLowerCase());
        }
        return n;
    }

    private static String text(JsonNode parent, String field, boolean required) {
        return text(parent, field, required, field);
    }

    private static String text(JsonNode parent, String field, boolean required, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new PlanException(path + ": missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new PlanException(path + ": must be a string, is " + n.getNodeType().name().toLowerCase());
        }
        if (n.asText().isBlank()) {
            throw new PlanException(path + ": must not be empty");
        }
        return n.asText();
    }

    private static int year(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new PlanException(field + ": missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new PlanException(field + ": must be a whole number, is " + n);
        }
        int y = n.intValue();
        if (y < 1990 || y > 2200) {
            throw new PlanException(field + ": " + y + " is not a plausible year (1990-2200)");
        }
        return y;
    }

    private static BigDecimal decimal(JsonNode n, String path) {
        if (n.isNumber()) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new PlanException(path + ": must be a finite number");
            }
            return n.decimalValue();
        }
        if (n.isTextual()) {
            try {
                return new BigDecimal(n.asText().trim());
            } catch (NumberFormatException e) {
                throw new PlanException(path + ": '" + n.asText() + "' is not a decimal number");
            }
        }
        throw new PlanException(path + ": must be a decimal number (number or string), is "
                + n.getNodeType().name().toLowerCase());
    }
}
