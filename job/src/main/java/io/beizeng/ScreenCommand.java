package io.beizeng;

import io.beizeng.config.Indicator;
import io.beizeng.config.JdbcOptions;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.screen.ScreenServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "screen", mixinStandardHelpOptions = true,
        description = "Serve the lit screen (亮屏): one live page of the plan's progress, key projects and alerts, and "
                + "the JSON API it reads (/api/screen, /api/PART), from the result tables, as a read-only role.")
final class ScreenCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, paramLabel = "FILE")
    Path plan;

    @Mixin
    JdbcOptions jdbc;

    @Option(names = "--port", defaultValue = "8088", description = "Default: ${DEFAULT-VALUE}; 0 for a free port.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--indicator", defaultValue = "OUTPUT_VALUE",
            description = "The headline indicator of the city, districts and parks (default: ${DEFAULT-VALUE}).")
    Indicator indicator;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new StartupException("--port must be between 0 and 65535");
        }
        Plan p = PlanLoader.load(plan);
        if (!p.indicators().containsKey(indicator)) {
            throw new StartupException("--indicator " + indicator + " is not an indicator of plan " + p.planId());
        }
        try (ScreenServer server = ScreenServer.open(p, indicator, jdbc.target(), new InetSocketAddress(host, port))) {
            System.out.println("beizeng: screen at " + server.address() + " (Ctrl-C stops)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "screen-stop"));
            stopped.await();
        }
        return 0;
    }
}
