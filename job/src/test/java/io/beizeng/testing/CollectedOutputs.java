package io.beizeng.testing;

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
import io.beizeng.sink.Outputs;

/** A collecting sink per table, for pipeline tests without a database ({@link ResultTables#of}). */
public record CollectedOutputs(
        CollectingSink<DistrictProgressRow> districtProgress, CollectingSink<ChainProgressRow> chainProgress,
        CollectingSink<ParkProgressRow> parkProgress, CollectingSink<TownActivityRow> townActivity,
        CollectingSink<LeadingStatus> leadingEnterprises, CollectingSink<ProgressAlert> alerts,
        CollectingSink<AssessmentScore> quarterlyAssessment, CollectingSink<AssessmentTotal> assessmentTotals,
        CollectingSink<AnnualReviewRow> annualReview, CollectingSink<ProjectProgressRow> projectProgress,
        CollectingSink<ProjectMonthRow> projectMonths, CollectingSink<RejectedRecord> rejected,
        CollectingSink<IngestAuditRow> audit) {

    public static CollectedOutputs create() {
        return new CollectedOutputs(new CollectingSink<>(), new CollectingSink<>(), new CollectingSink<>(),
                new CollectingSink<>(), new CollectingSink<>(), new CollectingSink<>(), new CollectingSink<>(),
                new CollectingSink<>(), new CollectingSink<>(), new CollectingSink<>(), new CollectingSink<>(),
                new CollectingSink<>(), new CollectingSink<>());
    }

    /** The pipeline's outputs into these sinks. */
    public Outputs outputs() {
        return new Outputs(districtProgress, chainProgress, parkProgress, townActivity, leadingEnterprises, alerts,
                null, quarterlyAssessment, assessmentTotals, annualReview, projectProgress, projectMonths, rejected,
                audit);
    }
}
