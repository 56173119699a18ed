package io.beizeng;

import io.beizeng.config.DurationConverter;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.demo.Demo;
import io.beizeng.generator.WorldModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start PostgreSQL, Kafka, the job on a local Flink with its web UI and the generator, and show "
                + "the plan's progress live. Needs beizeng-local.jar.")
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE_PLAN = "plans/zaozhuang-sample.json";

    @Option(names = "--plan", paramLabel = "FILE", description = "Plan file (default: the Zaozhuang sample plan).")
    Path plan;

    @Option(names = "--rate", defaultValue = "200", description = "Live events per second (default: ${DEFAULT-VALUE}); 0 stops after the history.")
    double rate;

    @Option(names = "--history-rate", defaultValue = "5000",
            description = "Events per second while replaying the history (default: ${DEFAULT-VALUE}).")
    double historyRate;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop by itself after this long (e.g. 2m).")
    Duration duration;

    @Option(names = "--refresh", converter = DurationConverter.class, defaultValue = "3s",
            description = "How often the table is printed (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--keep-data", paramLabel = "DIR", description = "Keep Kafka's and PostgreSQL's data in DIR.")
    Path keepData;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--enterprises", defaultValue = "" + WorldModel.DEFAULT_ENTERPRISES)
    int enterprises;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(names = "--screen-port", defaultValue = "8088",
            description = "Port of the screen (default: ${DEFAULT-VALUE}; a free one when it is taken).")
    int screenPort;

    @Override
    public Integer call() throws Exception {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
            Class.forName("kafka.Kafka");
            Class.forName("org.apache.flink.runtime.minicluster.MiniCluster");
        } catch (ClassNotFoundException e) {
            throw new StartupException("demo runs from job/target/beizeng-local.jar (this jar lacks " + e.getMessage() + ")");
        }
        if (screenPort < 0 || screenPort > 65535) {
            throw new StartupException("--screen-port must be between 0 and 65535");
        }
        if (rate < 0 || historyRate <= 0 || enterprises < 1 || parallelism < 1) {
            throw new StartupException("--rate must be ≥ 0, --history-rate, --enterprises and --parallelism > 0");
        }
        Plan p;
        if (plan != null) {
            p = PlanLoader.load(plan);
        } else {
            try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(SAMPLE_PLAN)) {
                if (in == null) {
                    throw new StartupException("the sample plan is missing from this jar; pass --plan");
                }
                p = PlanLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return new Demo(new Demo.Options(p, seed, enterprises, rate, historyRate, duration, refresh, keepData,
                parallelism, screenPort), System.out).run();
    }
}
