package io.beizeng.ingest;

import io.beizeng.runtime.AdmittedSerializer;
import io.beizeng.runtime.ProductionEventSerializer;
import io.beizeng.runtime.WireTypeInfo;
import io.beizeng.model.Admitted;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.Received;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Flink type information of the generic ingest records (generic records need it spelled out). */
public final class StreamTypes {
    public static final TypeInformation<Received<ProductionEvent>> RECEIVED_PRODUCTION =
            TypeInformation.of(new TypeHint<Received<ProductionEvent>>() {});
    public static final TypeInformation<Received<EnterpriseEvent>> RECEIVED_ENTERPRISE =
            TypeInformation.of(new TypeHint<Received<EnterpriseEvent>>() {});
    public static final TypeInformation<Received<InvestmentEvent>> RECEIVED_INVESTMENT =
            TypeInformation.of(new TypeHint<Received<InvestmentEvent>>() {});
    /** Production events in flight (not in state): written by {@link ProductionEventSerializer}. */
    public static final TypeInformation<ProductionEvent> PRODUCTION =
            new WireTypeInfo<>(ProductionEvent.class, ProductionEventSerializer.INSTANCE);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final TypeInformation<Admitted<ProductionEvent>> ADMITTED_PRODUCTION =
            new WireTypeInfo<>((Class<Admitted<ProductionEvent>>) (Class) Admitted.class,
                    new AdmittedSerializer<>(ProductionEventSerializer.INSTANCE));
    public static final TypeInformation<Admitted<EnterpriseEvent>> ADMITTED_ENTERPRISE =
            TypeInformation.of(new TypeHint<Admitted<EnterpriseEvent>>() {});
    public static final TypeInformation<Admitted<InvestmentEvent>> ADMITTED_INVESTMENT =
            TypeInformation.of(new TypeHint<Admitted<InvestmentEvent>>() {});

    private StreamTypes() {}
}
