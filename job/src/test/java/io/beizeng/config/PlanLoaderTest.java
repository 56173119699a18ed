package io.beizeng.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beizeng.testing.TestPlans;
import java.nio.file.Files;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanLoaderTest {

    @Test
    void theSamplePlanLoads() {
        Plan plan = TestPlans.zaozhuang();
        assertThat(plan.districts()).hasSize(7);
        assertThat(plan.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(plan.indicators()).containsOnlyKeys(Indicator.values());
        assertThat(plan.majorProjectThreshold()).isEqualByComparingTo("5000000000");
        assertThat(plan.statusTolerance()).isEqualByComparingTo("0.02");
        IndicatorPlan output = plan.indicator(Indicator.OUTPUT_VALUE);
        assertThat(output.cityBaseline())
                .isEqualByComparingTo(output.baselines().values().stream().reduce(java.math.BigDecimal.ZERO,
                        java.math.BigDecimal::add));
    }

    @Test
    void theSecondSamplePlanHasTownsForRegions() {
        Plan plan = PlanLoader.load(TestPlans.PINGDU_FILE);
        assertThat(plan.city().code()).isEqualTo("370283");
        assertThat(plan.districts()).hasSize(9).allSatisfy(d -> assertThat(d.code()).startsWith("370283"));
        assertThat(plan.indicators()).containsOnlyKeys(Indicator.OUTPUT_VALUE, Indicator.REVENUE,
                Indicator.ABOVE_SCALE_ENTERPRISES, Indicator.MAJOR_PROJECTS);
        assertThat(plan.majorProjectThreshold()).isEqualByComparingTo("1000000000");
        assertThat(plan.clusterTargets()).hasSize(2);
        assertThat(plan.parks()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo("PARK-370283101-1"));
    }

    /** Each broken plan is the sample with one replacement; the message must name the field. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "\"370406\": \"12600000000.00\", | | indicators.OUTPUT_VALUE.baselines.370406: missing",
        "\"12600000000.00\" | \"-5\" | indicators.OUTPUT_VALUE.baselines.370406",
        "\"12600000000.00\" | \"0\" | indicators.OUTPUT_VALUE.baselines.370406",
        "\"targetYear\": 2027 | \"targetYear\": 2023 | targetYear",
        "\"targetYear\": 2027 | \"targetYear\": \"2027\" | targetYear",
        "\"multiplier\": 2.0 } | \"multiplier\": \"two\" } | parks[0].multiplier",
        "\"multiplier\": 2.0736, | \"multiplier\": -1, | indicators.TECH_RENOVATION_INVESTMENT.multiplier",
        "\"NEW_ENERGY\": { \"clusterTarget\" | \"NEW_ENERGIES\": { \"clusterTarget\" | chains.NEW_ENERGIES",
        "\"370481\": 3, | \"370481\": 3, \"999999\": 1, | indicators.MAJOR_PROJECTS.annualTargets.999999",
        "\"timezone\": \"Asia/Shanghai\" | \"timezone\": \"Mars/Olympus\" | timezone",
        "\"REVENUE\": { | \"ELECTRICITY\": { | indicators.ELECTRICITY",
        "\"statusTolerance\": 0.02 | \"statusTolerance\": 0.02, \"districs\": [] | districs",
        "\"planId\": \"zaozhuang-doubling-sample\" | \"planId\": \"a b\" | planId",
    })
    void invalidPlansNameTheField(String from, String to, String field) throws Exception {
        String sample = Files.readString(TestPlans.ZAOZHUANG_FILE);
        String broken = sample.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to == null ? "" : to));
        assertThat(broken).isNotEqualTo(sample);
        assertThatThrownBy(() -> PlanLoader.parse(broken)).isInstanceOf(PlanException.class).hasMessageContaining(field);
    }

    @Test
    void aBaselineForADistrictOutsideThePlanIsAnError() throws Exception {
        String broken = Files.readString(TestPlans.ZAOZHUANG_FILE)
                .replaceFirst("\"370402\": \"31500000000.00\"", "\"370402\": \"31500000000.00\", \"999999\": 1");
        assertThatThrownBy(() -> PlanLoader.parse(broken)).hasMessageContaining("999999");
    }
}
