package io.beizeng.sink;

import io.beizeng.audit.AuditStage;
import io.beizeng.model.AnnualReviewRow;
import io.beizeng.model.AssessmentScore;
import io.beizeng.model.AssessmentTotal;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.IngestAuditRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.model.ProgressAlert;
import io.beizeng.model.ProjectMonthRow;
import io.beizeng.model.ProjectProgressRow;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.TownActivityRow;
import io.beizeng.progress.ProgressStage;
import io.beizeng.projects.ProjectsStage;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where results go: a sink per table (and, optionally, the alerts topic). Tests plug in collecting sinks. */
public record Outputs(
        Sink<DistrictProgressRow> districtProgress, Sink<ChainProgressRow> chainProgress,
        Sink<ParkProgressRow> parkProgress, Sink<TownActivityRow> townActivity,
        Sink<LeadingStatus> leadingEnterprises, Sink<ProgressAlert> alerts, Sink<ProgressAlert> alertTopic,
        Sink<AssessmentScore> quarterlyAssessment, Sink<AssessmentTotal> assessmentTotals,
        Sink<AnnualReviewRow> annualReview, Sink<ProjectProgressRow> projectProgress,
        Sink<ProjectMonthRow> projectMonths, Sink<RejectedRecord> rejected, Sink<IngestAuditRow> audit) {

    /** Upserts into the PostgreSQL tables of {@code target}, flushing batches at least every interval. */
    public static Outputs jdbc(JdbcTarget target, long flushIntervalMs) {
        JdbcSinks sinks = new JdbcSinks(target, flushIntervalMs);
        return new Outputs(sinks.districtProgress(), sinks.chainProgress(), sinks.parkProgress(),
                sinks.townActivity(), sinks.leadingEnterprises(), sinks.progressAlerts(), null,
                sinks.quarterlyAssessment(), sinks.assessmentTotals(), sinks.annualReview(),
                sinks.projectProgress(), sinks.projectMonths(), sinks.rejectedEvents(), sinks.ingestAudit());
    }

    /** The same, also publishing alerts to a Kafka topic. */
    public Outputs withAlertTopic(Sink<ProgressAlert> topic) {
        return new Outputs(districtProgress, chainProgress, parkProgress, townActivity, leadingEnterprises, alerts,
                topic, quarterlyAssessment, assessmentTotals, annualReview, projectProgress, projectMonths, rejected,
                audit);
    }

    /** Writes the stages' results, each to its sink. */
    public void write(ProgressStage progress, DataStream<TownActivityRow> towns, DataStream<LeadingStatus> leading,
            ProjectsStage projects, AuditStage audit) {
        progress.districts().map(new ProgressRowMetrics()).name("district_progress rows")
                .uid("district-progress-metrics")
                .sinkTo(districtProgress).name("district_progress upsert").uid("district-progress-sink");
        progress.chains().sinkTo(chainProgress).name("chain_progress upsert").uid("chain-progress-sink");
        progress.parks().sinkTo(parkProgress).name("park_progress upsert").uid("park-progress-sink");
        progress.alerts().sinkTo(alerts).name("progress_alerts insert").uid("progress-alerts-sink");
        if (alertTopic != null) {
            progress.alerts().sinkTo(alertTopic).name("progress-alerts topic").uid("progress-alerts-topic");
        }
        progress.assessmentScores().sinkTo(quarterlyAssessment).name("quarterly_assessment upsert")
                .uid("quarterly-assessment-sink");
        progress.assessmentTotals().sinkTo(assessmentTotals).name("assessment_totals upsert")
                .uid("assessment-totals-sink");
        progress.annualReviews().sinkTo(annualReview).name("annual_review upsert").uid("annual-review-sink");
        leading.sinkTo(leadingEnterprises).name("leading_enterprises upsert").uid("leading-enterprises-sink");
        projects.progress().sinkTo(projectProgress).name("project_progress upsert").uid("project-progress-sink");
        projects.months().sinkTo(projectMonths).name("project_months upsert").uid("project-months-sink");
        towns.sinkTo(townActivity).name("town_activity upsert").uid("town-activity-sink");
        audit.rejected().sinkTo(rejected).name("rejected_events upsert").uid("rejected-events-sink");
        audit.counts().sinkTo(this.audit).name("ingest_audit upsert").uid("ingest-audit-sink");
    }
}
