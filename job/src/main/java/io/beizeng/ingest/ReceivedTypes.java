package io.beizeng.ingest;

import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.Received;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Flink type information of the parse results (generic records need it spelled out). */
public final class ReceivedTypes {
    public static final TypeInformation<Received<ProductionEvent>> PRODUCTION =
            TypeInformation.of(new TypeHint<Received<ProductionEvent>>() {});
    public static final TypeInformation<Received<EnterpriseEvent>> ENTERPRISE =
            TypeInformation.of(new TypeHint<Received<EnterpriseEvent>>() {});
    public static final TypeInformation<Received<InvestmentEvent>> INVESTMENT =
            TypeInformation.of(new TypeHint<Received<InvestmentEvent>>() {});

    private ReceivedTypes() {}
}
