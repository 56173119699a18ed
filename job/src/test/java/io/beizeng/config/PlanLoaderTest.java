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
        "\"OUTPUT_VALUE\": { \"weight\": 30 } | \"NO_SUCH\": { \"weight\": 30 } | assessment.indicators.NO_SUCH",
        "\"OUTPUT_VALUE\": { \"weight\": 30 } | \"OUTPUT_VALUE\": { \"weight\": 0 } | assessment.indicators.OUTPUT_VALUE.weight",
        "\"OUTPUT_VALUE\": { \"weight\": 30 } | \"OUTPUT_VALUE\": { \"weight\": -2 } | assessment.indicators.OUTPUT_VALUE.weight",
        "\"grade\": \"B\", \"minScore\": 90 | \"grade\": \"B\", \"minScore\": 100 | assessment.grades[1].minScore",
        "\"grade\": \"D\", \"minScore\": 0 | \"grade\": \"D\", \"minScore\": 10 | assessment.grades[3].minScore",
        "\"TAX_PAID\": { \"weight\": 10, \"perCapita\": true } | \"TAX_PAID\": { \"weight\": 10, \"perCapita\": \"yes\" } | assessment.indicators.TAX_PAID.perCapita",
        "\"ABOVE_SCALE_ENTERPRISES\": { \"weight\": 10 } | \"ABOVE_SCALE_ENTERPRISES\": { \"weight\": 10, \"perCapita\": true } | assessment.indicators.ABOVE_SCALE_ENTERPRISES.perCapita",
        "\"370406\": 2.2, | \"999999\": 2.2, | indicators.OUTPUT_VALUE.multipliers.999999",
        "\"370406\": 2.2, | \"370406\": 0, | indicators.OUTPUT_VALUE.multipliers.370406",
        "\"370405\": 300000, | \"370405\": -3, | population.370405",
        "\"370405\": 300000, | | population.370405: missing",
        "\"370471\": 120000 | \"370471\": 120000, \"370400\": 3850000 | population.370400",
        "\"startWithinDays\": 90 | \"startWithinDays\": 0 | projectRules.startWithinDays",
        "\"startWithinDays\": 90 | \"startWithinDays\": 9.5 | projectRules.startWithinDays",
        "\"completeWithinDays\": 730 | \"completeWithinDays\": \"two years\" | projectRules.completeWithinDays",
        "\"investedShareLag\": 0.10 | \"investedShareLag\": 1.5 | projectRules.investedShareLag",
        "\"investedShareLag\": 0.10 | \"investedShareLag\": 0.10, \"lateAfterDays\": 3 | projectRules.lateAfterDays",
    })
    void invalidPlansNameTheField(String from, String to, String field) throws Exception {
        String sample = Files.readString(TestPlans.ZAOZHUANG_FILE);
        String broken = sample.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to == null ? "" : to));
        assertThat(broken).isNotEqualTo(sample);
        assertThatThrownBy(() -> PlanLoader.parse(broken)).isInstanceOf(PlanException.class).hasMessageContaining(field);
    }

    @Test
    void aPerCapitaIndicatorWithoutPopulationIsAnError() throws Exception {
        String sample = Files.readString(TestPlans.ZAOZHUANG_FILE);
        int from = sample.indexOf("\"population\"");
        int to = sample.indexOf("\"assessment\"");
        String broken = sample.substring(0, from) + sample.substring(to);
        assertThatThrownBy(() -> PlanLoader.parse(broken)).isInstanceOf(PlanException.class)
                .hasMessage("assessment.indicators.REVENUE.perCapita: needs the plan's population");
    }

    @Test
    void theSamplePlanAssessesWithWeightsPerCapitaFiguresAndDifferentiatedTargets() {
        Plan plan = TestPlans.zaozhuang();
        assertThat(plan.assessment().indicators()).hasSize(6);
        assertThat(plan.assessment().indicators().get(Indicator.REVENUE).perCapita()).isTrue();
        assertThat(plan.assessment().cap()).isEqualByComparingTo("1.2");
        assertThat(plan.assessment().grades()).extracting(Assessment.Grade::grade).containsExactly("A", "B", "C", "D");
        assertThat(plan.indicator(Indicator.OUTPUT_VALUE).multiplier("370406")).isEqualByComparingTo("2.2");
        assertThat(plan.indicator(Indicator.OUTPUT_VALUE).multiplier("370402")).isEqualByComparingTo("2.0");
        // per year, the latest figure before a year without one
        assertThat(plan.population().of("370481", 2023)).isEqualTo(1_590_000L);
        assertThat(plan.population().of("370481", 2025)).isEqualTo(1_610_000L);
        assertThat(plan.population().of("370481", 2021)).isNull();
        assertThat(plan.population().of("370402", 2021)).isEqualTo(560_000L);
        assertThat(plan.population().city(plan.districts(), 2024)).isEqualTo(560_000L + 500_000 + 390_000 + 300_000
                + 440_000 + 1_610_000 + 120_000);
    }

    @Test
    void projectRulesDefaultWhenAbsentAndAreReadWhenGiven() throws Exception {
        assertThat(PlanLoader.load(TestPlans.PINGDU_FILE).projectRules()).isEqualTo(ProjectRules.DEFAULTS);
        String custom = Files.readString(TestPlans.ZAOZHUANG_FILE).replaceFirst(
                "\\{ \"startWithinDays\": 90, \"completeWithinDays\": 730, \"investedShareLag\": 0.10 }",
                "{ \"completeWithinDays\": 365, \"investedShareLag\": 0 }");
        ProjectRules rules = PlanLoader.parse(custom).projectRules();
        assertThat(rules.startWithinDays()).isEqualTo(90);
        assertThat(rules.completeWithinDays()).isEqualTo(365);
        assertThat(rules.investedShareLag()).isEqualByComparingTo("0");
    }

    @Test
    void aBaselineForADistrictOutsideThePlanIsAnError() throws Exception {
        String broken = Files.readString(TestPlans.ZAOZHUANG_FILE)
                .replaceFirst("\"370402\": \"31500000000.00\"", "\"370402\": \"31500000000.00\", \"999999\": 1");
        assertThatThrownBy(() -> PlanLoader.parse(broken)).hasMessageContaining("999999");
    }
}
