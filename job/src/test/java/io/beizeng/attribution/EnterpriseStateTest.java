package io.beizeng.attribution;

import io.beizeng.model.LeadingTier;
import io.beizeng.testing.Amounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Chain;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.EnterpriseEventType;
import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.SourceTopic;
import java.math.BigDecimal;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EnterpriseStateTest {
    @Test
    void isAFlinkPojoThatSerializesWithoutKryoAndRoundTrips() throws Exception {
        TypeInformation<EnterpriseState> info = TypeInformation.of(EnterpriseState.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        // throws if any field, however deep, would fall back to Kryo
        TypeSerializer<EnterpriseState> serializer = info.createSerializer(noKryo);

        EnterpriseState state = new EnterpriseState();
        state.history = EnterpriseHistory.EMPTY.with(RegistryChange.of(new EnterpriseEvent("r1", "E1", 10L,
                EnterpriseEventType.REGISTERED, "name", "370402", "370402001", Chain.NEW_MATERIALS, "P1", null,
                new Origin(SourceTopic.ENTERPRISE, "0:1", new byte[] {1}))));
        state.monthlyReports.report(24_290, 31, 123L);
        state.leadingTier.put(24_290, LeadingTier.REVENUE_OVER_5B);
        state.firstFromTownOnMovingDay(19_796L, "370402001", true, "370402001");
        state.firstFromTownOnMovingDay(19_796L, "370402002", false, "370402001");
        state.lastMonthEnd = 24_289;
        state.countedDistrict = "370402";
        state.countedStocks = 3;
        state.waiting.add(new ProductionEvent("p1", "E1", 20L, ProductionKind.OUTPUT, Amounts.of(1, 2), new BigDecimal("1.5"),
                new Origin(SourceTopic.PRODUCTION, "0:2", new byte[] {2})));

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        EnterpriseState back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.holdsNothing()).isFalse();
        assertThat(new EnterpriseState().holdsNothing()).isTrue();
    }
}
