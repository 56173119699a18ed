package io.beizeng.ingest;

import io.beizeng.config.Indicator;
import io.beizeng.runtime.JsonFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.EnterpriseEventType;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.Received;
import io.beizeng.model.RejectReason;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.TestPlans;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsersTest {
    private static final Plan PLAN = TestPlans.zaozhuang();
    private final ProductionEventParser production = new ProductionEventParser(PLAN);
    private final EnterpriseEventParser enterprise = new EnterpriseEventParser(PLAN);
    private final InvestmentEventParser investment = new InvestmentEventParser(PLAN);

    private static Origin origin(String json) {
        return origin(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Origin origin(byte[] bytes) {
        return new Origin(SourceTopic.PRODUCTION, "0:1", bytes);
    }

    private static String output(String fields) {
        return "{\"eventId\":\"p1\",\"enterpriseId\":\"E1\",\"ts\":\"2024-03-05T08:15:00+08:00\","
                + "\"kind\":\"OUTPUT\"," + fields + "}";
    }

    @Test
    void aValidProductionEvent() {
        Received<ProductionEvent> r = production.parse(origin(output(
                "\"outputValue\":1234.5,\"revenue\":99,\"electricityKwh\":12.345,\"futureField\":{\"a\":[1,2]}")));
        assertThat(r.isRejected()).as(r.detail()).isFalse();
        ProductionEvent e = r.event();
        assertThat(e.amount(Indicator.OUTPUT_VALUE)).isEqualTo(123450);
        assertThat(e.amount(Indicator.REVENUE)).isEqualTo(9900);
        assertThat(e.kind()).isEqualTo(ProductionKind.OUTPUT);
        assertThat(e.ts()).isEqualTo(OffsetDateTime.parse("2024-03-05T00:15:00Z").toInstant().toEpochMilli());
        assertThat(e.electricityKwh()).isEqualByComparingTo("12.345");
    }

    @Test
    void adjustmentsMayBeNegativeOutputsMayNot() {
        String adj = output("\"outputValue\":-10.5,\"revenue\":-1").replace("OUTPUT", "ADJUSTMENT");
        assertThat(production.parse(origin(adj)).event().amount(Indicator.OUTPUT_VALUE)).isEqualTo(-1050);
        Received<ProductionEvent> r = production.parse(origin(output("\"outputValue\":-10.5,\"revenue\":1")));
        assertThat(r.reason()).isEqualTo(RejectReason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains("outputValue").contains("negative");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "three fraction digits | \"outputValue\":1.005,\"revenue\":1 | outputValue",
        "trailing zero still three digits | \"outputValue\":1.500,\"revenue\":1 | outputValue",
        "40 digits | \"outputValue\":1234567890123456789012345678901234567890,\"revenue\":1 | outputValue",
        "at the limit | \"outputValue\":10000000000000,\"revenue\":1 | outputValue",
        "string amount | \"outputValue\":\"12\",\"revenue\":1 | outputValue",
        "missing revenue | \"outputValue\":1 | revenue",
        "negative electricity | \"outputValue\":1,\"revenue\":1,\"electricityKwh\":-1 | electricityKwh",
        "amount as object | \"outputValue\":{\"v\":1},\"revenue\":1 | outputValue",
    })
    void schemaViolationsNameTheField(String name, String fields, String field) {
        Received<ProductionEvent> r = production.parse(origin(output(fields)));
        assertThat(r.reason()).isEqualTo(RejectReason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains(field);
    }

    @Test
    void timestampsNeedAnOffsetAndAPlausibleYear() {
        Received<ProductionEvent> r = production.parse(origin(
                output("\"outputValue\":1,\"revenue\":1").replace("+08:00", "")));
        assertThat(r.reason()).isEqualTo(RejectReason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains("'ts'").contains("offset");
        r = production.parse(origin(output("\"outputValue\":1,\"revenue\":1").replace("2024-03-05", "9999-03-05")));
        assertThat(r.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        r = production.parse(origin(output("\"outputValue\":1,\"revenue\":1").replace("2024-03-05", "2010-03-05")));
        assertThat(r.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @Test
    void unknownEnumValuesAreSchemaViolations() {
        Received<ProductionEvent> r = production.parse(origin(
                output("\"outputValue\":1,\"revenue\":1").replace("OUTPUT", "GUESS")));
        assertThat(r.reason()).isEqualTo(RejectReason.SCHEMA_VIOLATION);
        assertThat(r.detail()).contains("kind").contains("GUESS");
    }

    @Test
    void malformedRecords() {
        byte[] invalidUtf8 = output("\"outputValue\":1,\"revenue\":1").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[20] = (byte) 0xC3;
        invalidUtf8[21] = (byte) 0x28;
        String deep = "{\"eventId\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        for (byte[] bad : new byte[][] {
            "not json".getBytes(StandardCharsets.UTF_8),
            "{\"eventId\":\"p1\",".getBytes(StandardCharsets.UTF_8),
            "[1,2]".getBytes(StandardCharsets.UTF_8),
            "42".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            invalidUtf8,
            deep.getBytes(StandardCharsets.UTF_8),
            output("\"outputValue\":NaN,\"revenue\":1").getBytes(StandardCharsets.UTF_8),
            output("\"outputValue\":Infinity,\"revenue\":1").getBytes(StandardCharsets.UTF_8),
            (output("\"outputValue\":1,\"revenue\":1") + "{}").getBytes(StandardCharsets.UTF_8),
            output("\"outputValue\":1,\"outputValue\":2,\"revenue\":1").getBytes(StandardCharsets.UTF_8),
            new byte[JsonFields.MAX_RECORD_BYTES + 1],
        }) {
            Received<ProductionEvent> r = production.parse(origin(bad));
            assertThat(r.reason()).as(new String(bad, 0, Math.min(bad.length, 60), StandardCharsets.UTF_8))
                    .isEqualTo(RejectReason.MALFORMED_JSON);
            assertThat(r.detail()).isNotBlank();
            assertThat(r.origin().payload()).isSameAs(bad);
        }
    }

    @Test
    void registryEvents() {
        String reg = "{\"eventId\":\"r1\",\"enterpriseId\":\"E1\",\"ts\":\"1998-05-01T00:00:00+08:00\","
                + "\"type\":\"REGISTERED\",\"name\":\"Acme\",\"districtCode\":\"370481\",\"townCode\":\"370481101\","
                + "\"chain\":\"NEW_ENERGY\",\"parkId\":\"P-LUNAN\"}";
        Received<EnterpriseEvent> ok = enterprise.parse(origin(reg));
        assertThat(ok.isRejected()).as(ok.detail()).isFalse();
        assertThat(ok.event().type()).isEqualTo(EnterpriseEventType.REGISTERED);
        assertThat(ok.event().parkId()).isEqualTo("P-LUNAN");

        Received<EnterpriseEvent> unknown = enterprise.parse(origin(reg.replace("370481\"", "999999\"")));
        assertThat(unknown.reason()).isEqualTo(RejectReason.UNKNOWN_REGION);
        assertThat(unknown.detail()).contains("999999");

        Received<EnterpriseEvent> noChain = enterprise.parse(origin(reg.replace("\"chain\":\"NEW_ENERGY\",", "")));
        assertThat(noChain.reason()).isEqualTo(RejectReason.SCHEMA_VIOLATION);
        assertThat(noChain.detail()).contains("chain");

        String update = "{\"eventId\":\"r2\",\"enterpriseId\":\"E1\",\"ts\":\"2024-07-01T00:00:00+08:00\","
                + "\"type\":\"UPDATED\",\"districtCode\":\"370402\"}";
        assertThat(enterprise.parse(origin(update)).isRejected()).isFalse();

        String cert = "{\"eventId\":\"r3\",\"enterpriseId\":\"E1\",\"ts\":\"2024-07-01T00:00:00+08:00\",\"type\":\"CERTIFIED\"}";
        assertThat(enterprise.parse(origin(cert)).detail()).contains("certification");
        assertThat(enterprise.parse(origin(cert.replace("}", ",\"certification\":\"HIGH_TECH\"}"))).isRejected())
                .isFalse();
    }

    @Test
    void investmentEvents() {
        String signed = "{\"eventId\":\"i1\",\"projectId\":\"PRJ1\",\"ts\":\"2024-07-01T00:00:00+08:00\","
                + "\"type\":\"SIGNED\",\"districtCode\":\"370481\",\"chain\":\"NEW_ENERGY\",\"amount\":5000000000,"
                + "\"techRenovation\":true}";
        Received<InvestmentEvent> r = investment.parse(origin(signed));
        assertThat(r.isRejected()).as(r.detail()).isFalse();
        assertThat(r.event().amountCents()).isEqualTo(500_000_000_000L);
        assertThat(r.event().techRenovation()).isTrue();
        assertThat(investment.parse(origin(signed.replace(",\"amount\":5000000000", ""))).detail()).contains("amount");
        assertThat(investment.parse(origin(signed.replace("true", "\"yes\""))).detail()).contains("techRenovation");
    }

    @Test
    void fingerprintsTellContentNotBytes() {
        ProductionEvent a = production.parse(origin(output("\"outputValue\":1.5,\"revenue\":2"))).event();
        ProductionEvent b = production.parse(origin(
                output("\"revenue\":2.00,  \"outputValue\":1.50"))).event();
        ProductionEvent c = production.parse(origin(output("\"outputValue\":1.6,\"revenue\":2"))).event();
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(a.fingerprint()).isNotEqualTo(c.fingerprint());
    }
}
