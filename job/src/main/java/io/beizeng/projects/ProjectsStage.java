package io.beizeng.projects;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.ProjectMonthRow;
import io.beizeng.model.ProjectProgressRow;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The key projects stage: admitted investment events become {@code project_progress} and {@code project_months}. */
public record ProjectsStage(SingleOutputStreamOperator<ProjectProgressRow> progress) {

    public static ProjectsStage of(Plan plan, JobSettings settings, DataStream<InvestmentEvent> investment) {
        String planId = plan.planId();
        return new ProjectsStage(investment
                .keyBy(e -> planId)
                .process(new ProjectTracker(plan, settings.updateInterval().toMillis()))
                .returns(ProjectProgressRow.class)
                .name("key projects").uid("key-projects"));
    }

    public DataStream<ProjectMonthRow> months() {
        return progress.getSideOutput(ProjectTracker.MONTH_ROWS);
    }
}
