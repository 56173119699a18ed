package io.beizeng;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import io.beizeng.testing.CollectedOutputs;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on a Flink mini cluster, from files into collecting sinks: no Kafka, no database. Its tables
 * (the last row written per key) equal the reference computation's.
 */
class BeizengPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @Test
    void aReplayIntoCollectingSinksMatchesTheReference() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 20261204L, 30);
        Path dir = Files.createTempDirectory("pipeline-test");
        world.writeJsonLines(dir);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(BeizengPipeline.jobConfiguration());
        env.setParallelism(2);
        JobSettings defaults = JobSettings.defaults();
        JobSettings settings = new JobSettings(defaults.maxOutOfOrderness(), defaults.allowedLateness(),
                defaults.dedupeHorizon(), Duration.ofMillis(200), defaults.idleTimeout());
        CollectedOutputs out = CollectedOutputs.create();
        BeizengPipeline.build(plan, settings, InputStreams.fromFiles(env, plan, settings, dir), out.outputs());
        env.execute("pipeline into collecting sinks");

        ResultTables.of(out).assertMatches(new Reference(plan, world, 0));

        // the last quarter with data was written provisional while its last month took corrections, then final
        java.util.Map<io.beizeng.model.AssessmentTotal.Key, java.util.List<Boolean>> finality = new java.util.HashMap<>();
        for (var t : out.assessmentTotals().received()) {
            finality.computeIfAbsent(t.key(), k -> new java.util.ArrayList<>()).add(t.isFinal());
        }
        org.assertj.core.api.Assertions.assertThat(finality.values())
                .as("some quarter turned final during the run, and none went back")
                .anySatisfy(seq -> org.assertj.core.api.Assertions.assertThat(seq).containsSubsequence(false, true))
                .allSatisfy(seq -> org.assertj.core.api.Assertions.assertThat(seq.subList(seq.indexOf(true) < 0
                        ? seq.size() : seq.indexOf(true), seq.size())).doesNotContain(false));
    }
}
