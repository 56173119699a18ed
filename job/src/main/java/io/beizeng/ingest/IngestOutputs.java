package io.beizeng.ingest;

import io.beizeng.model.AuditDelta;
import io.beizeng.model.RejectedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the ingest and attribution operators. */
public final class IngestOutputs {
    public static final OutputTag<RejectedRecord> REJECTED =
            new OutputTag<>("rejected", TypeInformation.of(RejectedRecord.class));
    public static final OutputTag<AuditDelta> AUDIT = new OutputTag<>("audit", TypeInformation.of(AuditDelta.class));

    private IngestOutputs() {}
}
