package io.beizeng;

import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.generator.EventGenerator;
import io.beizeng.generator.EventGenerator.Granularity;
import io.beizeng.generator.JsonLinesOutput;
import io.beizeng.generator.KafkaOutput;
import io.beizeng.generator.WorldModel;
import io.beizeng.model.SourceTopic;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate the plan's world (see generator/WorldModel.java) as JSONL files for replay, or "
                + "into Kafka; deterministic for a seed.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, paramLabel = "FILE")
    Path plan;

    static final class Target {
        @Option(names = "--out", paramLabel = "DIR", description = "Write production-events.jsonl, … into DIR.")
        Path out;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Produce to Kafka.")
        String bootstrapServers;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--enterprises", defaultValue = "" + WorldModel.DEFAULT_ENTERPRISES,
            description = "Number of enterprises (default: ${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--granularity", defaultValue = "DAILY",
            description = "MONTHLY, DAILY or HOURLY production reports (default: ${DEFAULT-VALUE}).")
    Granularity granularity;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (default: 1 January of the year before the baseline).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (default: 31 December of the year after the baseline).")
    LocalDate to;

    @Option(names = "--rate", defaultValue = "0", description = "Records per second into Kafka; 0 for as fast as possible.")
    double rate;

    @Option(names = "--live", paramLabel = "RATE", defaultValue = "0",
            description = "After the history, keep producing live reports at RATE per second into Kafka until stopped "
                    + "(the history then ends yesterday unless --to says otherwise).")
    double live;

    @Option(names = "--history-once",
            description = "With --bootstrap-servers: send the history only while the topics are empty. A generator "
                    + "started again over topics that hold it (a stack brought up again) goes on live without "
                    + "sending it twice: the job would count a second copy once its ids have left the dedupe horizon.")
    boolean historyOnce;

    @Option(names = "--adjustment-rate", defaultValue = "" + WorldModel.ADJUSTMENT_RATE)
    double adjustmentRate;

    @Option(names = "--duplicate-rate", defaultValue = "" + WorldModel.DUPLICATE_RATE)
    double duplicateRate;

    @Option(names = "--late-rate", defaultValue = "" + WorldModel.LATE_RATE)
    double lateRate;

    @Option(names = "--malformed-rate", defaultValue = "" + WorldModel.MALFORMED_RATE)
    double malformedRate;

    @Option(names = "--production-topic", defaultValue = "beizeng.production-events")
    String productionTopic;

    @Option(names = "--enterprise-topic", defaultValue = "beizeng.enterprise-events")
    String enterpriseTopic;

    @Option(names = "--investment-topic", defaultValue = "beizeng.investment-events")
    String investmentTopic;

    @Override
    public Integer call() throws Exception {
        for (double r : new double[] {adjustmentRate, duplicateRate, lateRate, malformedRate}) {
            if (r < 0 || r > 1) {
                throw new StartupException("rates must lie between 0 and 1");
            }
        }
        if (enterprises < 1 || enterprises > 10_000_000) {
            throw new StartupException("--enterprises must be between 1 and 10000000");
        }
        Plan p = PlanLoader.load(plan);
        LocalDate first = from != null ? from : LocalDate.of(p.firstEventYear(), 1, 1);
        if (live < 0 || (live > 0 && target.out != null)) {
            throw new StartupException("--live needs --bootstrap-servers and a rate ≥ 0");
        }
        LocalDate last = to != null ? to
                : live > 0 ? LocalDate.now(p.timezone()).minusDays(1) : LocalDate.of(p.baselineYear() + 1, 12, 31);
        if (last.isBefore(first)) {
            throw new StartupException("--to is before --from");
        }
        EventGenerator generator = new EventGenerator(p, new EventGenerator.Settings(seed, enterprises, granularity,
                adjustmentRate, duplicateRate, lateRate, malformedRate));
        if (target.out != null) {
            try (JsonLinesOutput out = new JsonLinesOutput(target.out)) {
                generator.generate(first, last, out);
            }
        } else {
            Map<SourceTopic, String> topics = new EnumMap<>(SourceTopic.class);
            topics.put(SourceTopic.PRODUCTION, productionTopic);
            topics.put(SourceTopic.ENTERPRISE, enterpriseTopic);
            topics.put(SourceTopic.INVESTMENT, investmentTopic);
            try (KafkaOutput out = new KafkaOutput(target.bootstrapServers, topics, new Properties(), rate)) {
                if (historyOnce && topicsHoldRecords(out)) {
                    // the world is rebuilt as it was sent, so that live reports go on from it
                    generator.generate(first, last, (t, k, v) -> { });
                    System.out.printf("the topics hold records already: the history (%s to %s) is not sent again%n",
                            first, last);
                    generator.resetStats();
                } else {
                    generator.generate(first, last, out);
                }
                out.flush();
                if (live > 0) {
                    System.out.printf("history done; live at %.0f events/s until stopped%n", live);
                    out.pace(live);
                    int perTick = (int) Math.max(1, Math.round(live / 10));
                    double secondsPerReport = enterprises / live;
                    while (!Thread.currentThread().isInterrupted()) {
                        generator.live(System.currentTimeMillis(), perTick, secondsPerReport, out);
                    }
                }
            }
        }
        EventGenerator.Stats s = generator.stats();
        System.out.printf("generated %d records from %s to %s: %s (malformed %s, duplicates %s, late %d)%n",
                s.total(), first, last, s.records, s.malformed, s.duplicates, s.late);
        return 0;
    }

    private boolean topicsHoldRecords(KafkaOutput out) {
        try {
            return out.topicsHoldRecords();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new StartupException("cannot read the offsets of " + String.join(", ", productionTopic,
                    enterpriseTopic, investmentTopic) + " at " + target.bootstrapServers + ": "
                    + JobCommand.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while reading the topics' offsets");
        }
    }
}
