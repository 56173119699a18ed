package io.beizeng.progress;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.model.AnnualReviewRow;
import io.beizeng.model.AssessmentScore;
import io.beizeng.model.AssessmentTotal;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.model.ProgressAlert;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The progress stage: a plan's monthly totals and leading standings become its district, chain and park rows and
 * its alerts ({@link PlanProgress}, keyed by plan).
 */
public record ProgressStage(SingleOutputStreamOperator<DistrictProgressRow> districts) {

    public static ProgressStage of(Plan plan, JobSettings settings, DataStream<MonthTotal> totals,
            DataStream<LeadingStatus> leading) {
        String planId = plan.planId();
        return new ProgressStage(totals
                .keyBy(t -> planId)
                .connect(leading.keyBy(l -> planId))
                .process(new PlanProgress(plan, settings.updateInterval().toMillis(),
                        settings.allowedLateness().toMillis()))
                .returns(DistrictProgressRow.class)
                .name("plan progress").uid("plan-progress"));
    }

    public DataStream<ChainProgressRow> chains() {
        return districts.getSideOutput(PlanProgress.CHAIN_ROWS);
    }

    public DataStream<ParkProgressRow> parks() {
        return districts.getSideOutput(PlanProgress.PARK_ROWS);
    }

    public DataStream<ProgressAlert> alerts() {
        return districts.getSideOutput(PlanProgress.ALERTS);
    }

    public DataStream<AssessmentScore> assessmentScores() {
        return districts.getSideOutput(PlanProgress.ASSESSMENT_SCORES);
    }

    public DataStream<AssessmentTotal> assessmentTotals() {
        return districts.getSideOutput(PlanProgress.ASSESSMENT_TOTALS);
    }

    public DataStream<AnnualReviewRow> annualReviews() {
        return districts.getSideOutput(PlanProgress.ANNUAL_REVIEWS);
    }
}
