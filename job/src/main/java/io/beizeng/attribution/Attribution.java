package io.beizeng.attribution;

import io.beizeng.ingest.IngestOutputs;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The event-time temporal join of production events with the enterprise registry, keyed by enterpriseId.
 *
 * <p>A production event waits until the watermark (the lesser of both streams') passes its event time: by then every
 * registry change effective at or before it has arrived, whatever the interleaving of the two streams. It is then
 * attributed to the profile valid at its event time, or rejected as UNKNOWN_ENTERPRISE. A production event that
 * arrives behind the watermark is attributed at once. A registry change behind the watermark is still applied (an
 * initial registry load with old effective dates must not be lost), but production events already attributed
 * keep their attribution; such changes are counted in the metric {@code registryChangesBehindWatermark}.
 */
public final class Attribution
        extends KeyedCoProcessFunction<String, ProductionEvent, EnterpriseEvent, AttributedOutput> {

    private transient ValueState<EnterpriseHistory> history;
    private transient MapState<Long, List<ProductionEvent>> waiting;
    private transient Counter changesBehindWatermark;

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(
                new ValueStateDescriptor<>("registry-history", TypeInformation.of(EnterpriseHistory.class)));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "waiting-production", Types.LONG, Types.LIST(TypeInformation.of(ProductionEvent.class))));
        changesBehindWatermark = getRuntimeContext().getMetricGroup().counter("registryChangesBehindWatermark");
    }

    @Override
    public void processElement1(ProductionEvent event, Context ctx, Collector<AttributedOutput> out)
            throws Exception {
        if (event.ts() <= ctx.timerService().currentWatermark()) {
            attribute(event, ctx, out);
            return;
        }
        List<ProductionEvent> list = waiting.get(event.ts());
        if (list == null) {
            list = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(event.ts());
        }
        list.add(event);
        waiting.put(event.ts(), list);
    }

    @Override
    public void processElement2(EnterpriseEvent event, Context ctx, Collector<AttributedOutput> out)
            throws Exception {
        RegistryChange change = RegistryChange.of(event);
        if (change != null) {
            EnterpriseHistory h = history.value();
            history.update((h == null ? EnterpriseHistory.EMPTY : h).with(change));
            if (event.ts() <= ctx.timerService().currentWatermark()) {
                changesBehindWatermark.inc();
            }
        }
        ctx.output(IngestOutputs.AUDIT, AuditDelta.accepted(SourceTopic.ENTERPRISE));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AttributedOutput> out) throws Exception {
        List<ProductionEvent> due = waiting.get(timestamp);
        if (due == null) {
            return;
        }
        waiting.remove(timestamp);
        for (ProductionEvent event : due) {
            attribute(event, ctx, out);
        }
    }

    private void attribute(ProductionEvent e, Context ctx, Collector<AttributedOutput> out) throws Exception {
        EnterpriseHistory h = history.value();
        EnterpriseProfile p = h == null ? null : h.at(e.ts());
        if (p == null || !p.isAttributable()) {
            String detail = h == null
                    ? "enterprise '" + e.enterpriseId() + "' has no registry entry (no REGISTERED event)"
                    : p == null
                            ? "enterprise '" + e.enterpriseId() + "' is registered only from "
                                    + Instant.ofEpochMilli(h.firstChange()) + ", after the event time "
                                    + Instant.ofEpochMilli(e.ts())
                            : "enterprise '" + e.enterpriseId() + "' has no district and chain at "
                                    + Instant.ofEpochMilli(e.ts()) + " (UPDATED without REGISTERED)";
            ctx.output(IngestOutputs.REJECTED,
                    RejectedRecord.of(e.origin(), RejectReason.UNKNOWN_ENTERPRISE, detail, e.eventId()));
            return;
        }
        out.collect(new AttributedOutput(e.enterpriseId(), p.districtCode(), p.townCode(), p.chain(), p.parkId(),
                e.ts(), e.outputValueCents(), e.revenueCents()));
        ctx.output(IngestOutputs.AUDIT, AuditDelta.accepted(SourceTopic.PRODUCTION));
    }
}
