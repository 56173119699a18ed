package io.beizeng;

import io.beizeng.config.PlanException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line and its subcommands. Errors are one line; exit codes are non-zero. */
@Command(name = "beizeng", mixinStandardHelpOptions = true, version = "beizeng 0.1.0",
        description = "Tracks an industrial doubling plan live: Kafka → Flink → PostgreSQL.",
        subcommands = {RunCommand.class, ReplayCommand.class, MigrateCommand.class, GenerateCommand.class,
            DemoCommand.class, BulletinCommand.class, AssessmentCommand.class, ReviewCommand.class,
            ProjectsCommand.class, ScreenCommand.class})
public final class BeizengCommand implements Runnable {
    /** Exit code for bad arguments. */
    public static final int USAGE = 2;
    /** Exit code for a failure at start or while running. */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, replay, migrate, generate, demo, bulletin, assessment or review");
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new BeizengCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("beizeng: " + ex.getMessage() + " (see --help)");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("beizeng: " + describe(ex));
            if (System.getenv("BEIZENG_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILURE;
        });
        return cli.execute(args);
    }

    private static String describe(Exception ex) {
        if (ex instanceof PlanException) {
            return "invalid plan: " + ex.getMessage();
        }
        if (ex instanceof StartupException || ex instanceof JobFailedException) {
            return ex.getMessage();
        }
        return "job failed: " + JobCommand.rootMessage(ex);
    }
}
