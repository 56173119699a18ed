package io.beizeng;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Bounded run over production-events.jsonl, enterprise-events.jsonl and investment-events.jsonl "
                + "in a directory (a missing file is an empty stream); exits 0 when all results are written.")
final class ReplayCommand extends JobCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory of the JSONL files.")
    Path input;

    @Override
    String jobName(Plan plan) {
        return "beizeng replay " + plan.planId();
    }

    @Override
    boolean bounded() {
        return true;
    }

    @Override
    void checkInputs(io.beizeng.sink.JdbcTarget target, Plan plan, boolean restoring) {
        if (!Files.isDirectory(input)) {
            throw new StartupException("--input " + input + " is not a directory");
        }
    }

    @Override
    InputStreams inputs(StreamExecutionEnvironment env, Plan plan, JobSettings settings) {
        return InputStreams.fromFiles(env, plan, settings, input.toAbsolutePath());
    }
}
