package io.beizeng.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.beizeng.testing.TestPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The indicators are declared once, in {@link Indicator}; the JSON Schemas users read must say the same, and the
 * sample plans must be valid plans by the schema as by the loader.
 */
class IndicatorDeclarationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(String file) throws Exception {
        return JSON.readTree(Files.readString(Path.of("..", "schemas", file)));
    }

    private static Set<String> productionFields() {
        Set<String> fields = new TreeSet<>();
        for (Indicator i : Indicator.measuresOf(Indicator.Source.PRODUCTION)) {
            fields.add(((Feed.Field) i.feed()).name());
        }
        return fields;
    }

    @Test
    void theProductionEventSchemaHasAnAmountForEachProductionMeasureRequiredAsDeclared() throws Exception {
        JsonNode schema = schema("production-event.schema.json");
        Set<String> amounts = new TreeSet<>();
        schema.path("properties").fields().forEachRemaining(e -> {
            if (e.getValue().path("$ref").asText().equals("#/$defs/amount")) {
                amounts.add(e.getKey());
            }
        });
        assertThat(amounts).isEqualTo(productionFields());
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        for (Indicator i : Indicator.measuresOf(Indicator.Source.PRODUCTION)) {
            Feed.Field field = (Feed.Field) i.feed();
            assertThat(required.contains(field.name())).as(field.name() + " required").isEqualTo(field.required());
        }
    }

    @Test
    void thePlanSchemaNamesEveryIndicatorAndTheProductionFlowsAsDeclared() throws Exception {
        JsonNode schema = schema("plan.schema.json");
        List<String> flows = new ArrayList<>();
        schema.path("$defs").path("productionFlow").path("enum").forEach(n -> flows.add(n.asText()));
        List<String> declared = new ArrayList<>();
        for (Indicator i : Indicator.measuresOf(Indicator.Source.PRODUCTION)) {
            if (i.kind() == Indicator.Kind.FLOW) {
                declared.add(i.name());
            }
        }
        assertThat(flows).isEqualTo(declared);
        Set<String> named = new TreeSet<>();
        schema.path("properties").path("indicators").path("propertyNames").path("enum")
                .forEach(n -> named.add(n.asText()));
        Set<String> all = new TreeSet<>();
        for (Indicator i : Indicator.values()) {
            all.add(i.name());
        }
        assertThat(named).isEqualTo(all);
    }

    @Test
    void theSamplePlansAreValidByTheSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "schemas", "plan.schema.json")));
        for (Path plan : List.of(TestPlans.ZAOZHUANG_FILE, TestPlans.PINGDU_FILE)) {
            assertThat(schema.validate(JSON.readTree(Files.readString(plan)))).as(plan.toString()).isEmpty();
            PlanLoader.load(plan);
        }
    }
}
