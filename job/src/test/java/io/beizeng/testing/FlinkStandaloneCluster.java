package io.beizeng.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.demo.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Flink standalone session cluster: a JobManager and a TaskManager as separate JVMs from Flink's Maven
 * artifacts (the classpath the flink-cluster module writes), on loopback, free ports. Jobs are submitted through the
 * REST API as the web UI and {@code flink run} do: upload the jar, then run it.
 */
public final class FlinkStandaloneCluster implements AutoCloseable {
    /** Flink's own defaults for env.java.opts.all on Java 17. */
    private static final List<String> OPENS = List.of("--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String classpath;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> processNames = new ArrayList<>();

    public FlinkStandaloneCluster(Path classpathFile, int slots, Map<String, String> extraConfig) throws Exception {
        this.classpath = Files.readString(classpathFile).strip();
        this.dir = Files.createTempDirectory("flink-cluster-");
        this.restPort = FreePort.find();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        StringBuilder yaml = new StringBuilder();
        Map<String, String> config = new java.util.LinkedHashMap<>(Map.of(
                "jobmanager.rpc.address", "localhost",
                "jobmanager.rpc.port", String.valueOf(FreePort.find()),
                "jobmanager.bind-host", "localhost",
                "taskmanager.bind-host", "localhost",
                "taskmanager.host", "localhost",
                "rest.address", "localhost",
                "rest.bind-address", "localhost",
                "rest.port", String.valueOf(restPort),
                "taskmanager.numberOfTaskSlots", String.valueOf(slots),
                "io.tmp.dirs", dir.resolve("tmp").toString()));
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("taskmanager.memory.process.size", "1728m");
        // the blob server and the TaskManager's RPC endpoint bind port 0 themselves (Flink's defaults): no race
        config.put("web.upload.dir", dir.resolve("upload").toString());
        config.put("env.java.opts.all", String.join(" ", OPENS));
        config.putAll(extraConfig);
        config.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO", "rootLogger.appenderRef.file.ref = file",
                "appender.file.type = File", "appender.file.name = file", "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n", ""));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("log"));

        startJobManager();
        // what Flink's start scripts do: let Flink compute the TaskManager's memory settings
        Process utils = new ProcessBuilder(java(List.of(), "org.apache.flink.runtime.util.bash.BashJavaUtils",
                List.of("GET_TM_RESOURCE_PARAMS", "--configDir", conf.toString()), "bash-java-utils"))
                .redirectErrorStream(true).start();
        String out = new String(utils.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        utils.waitFor(60, TimeUnit.SECONDS);
        List<String> results = out.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils printed no resource parameters:\n" + out);
        }
        tmJvm = Arrays.asList(results.get(results.size() - 2).trim().split("\\s+"));
        tmArgs = new ArrayList<>(List.of("--configDir", conf.toString()));
        tmArgs.addAll(Arrays.asList(results.get(results.size() - 1).trim().split("\\s+")));
        startTaskManager();
        awaitTaskManagers(1, Duration.ofSeconds(90));
    }

    private List<String> tmJvm;
    private List<String> tmArgs;
    private final List<Process> taskManagers = new ArrayList<>();

    private Process jobManager;

    /** Starts a JobManager JVM (again, after {@link #killJobManager}: with high availability it takes over the jobs). */
    public void startJobManager() throws IOException {
        start("jobmanager-" + processNames.stream().filter(n -> n.startsWith("jobmanager")).count(), List.of(),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("--configDir", dir.resolve("conf").toString()));
        jobManager = processes.get(processes.size() - 1);
    }

    /** Kills the JobManager with SIGKILL (kill -9), as the loss of its machine or container would. */
    public void killJobManager() throws InterruptedException {
        jobManager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts one more TaskManager JVM. */
    public void startTaskManager() throws IOException {
        start("taskmanager-" + taskManagers.size(), tmJvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                tmArgs);
        taskManagers.add(processes.get(processes.size() - 1));
    }

    /** Kills every running TaskManager with SIGKILL (kill -9), as a machine or container loss would. */
    public int killTaskManagers() throws InterruptedException {
        int killed = 0;
        for (Process tm : taskManagers) {
            if (tm.isAlive()) {
                tm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                killed++;
            }
        }
        return killed;
    }

    private static String quote(String v) {
        return "'" + v.replace("'", "''") + "'";
    }

    private List<String> java(List<String> jvm, String main, List<String> args, String logName) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvm);
        cmd.addAll(OPENS);
        cmd.add("-Dlog.file=" + dir.resolve("log").resolve(logName + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + dir.resolve("conf").resolve("log4j.properties"));
        cmd.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    private void start(String name, List<String> jvm, String main, List<String> args) throws IOException {
        Process p = new ProcessBuilder(java(jvm, main, args, name))
                .redirectOutput(dir.resolve("log").resolve(name + ".out").toFile())
                .redirectErrorStream(true).start();
        processes.add(p);
        processNames.add(name);
    }

    public String restAddress() {
        return "http://localhost:" + restPort;
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restAddress() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private void awaitTaskManagers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException(exitReport(processNames.get(i), processes.get(i).exitValue()));
                }
            }
            try {
                if (get("/overview").path("taskmanagers").asInt() >= count) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the cluster did not start; logs in " + dir.resolve("log"), last);
    }

    /** Which process exited with what, and the end of its output and log, so that a CI report shows the cause. */
    private String exitReport(String name, int exitCode) {
        StringBuilder report = new StringBuilder("the cluster's " + name + " exited with " + exitCode + "; logs in "
                + dir.resolve("log"));
        for (String file : List.of(name + ".out", name + ".log")) {
            Path path = dir.resolve("log").resolve(file);
            try {
                List<String> lines = Files.exists(path) ? Files.readAllLines(path) : List.of();
                report.append("\n--- last lines of ").append(file).append(" ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            } catch (IOException unreadable) {
                report.append("\n--- ").append(file).append(" unreadable: ").append(unreadable.getMessage());
            }
        }
        return report.toString();
    }

    /** Uploads a jar as {@code POST /jars/upload} does; returns its id. */
    public String upload(Path jar) throws Exception {
        String boundary = "----beizeng" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restAddress() + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("upload failed: " + r.statusCode() + " " + r.body());
        }
        String file = body.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar as {@code POST /jars/:id/run}; returns the job id. */
    public String run(String jarId, String entryClass, List<String> args, int parallelism) throws Exception {
        return run(jarId, entryClass, args, parallelism, null);
    }

    /**
     * Runs an uploaded jar, restoring from a savepoint unless it is null. Every piece of state in the savepoint must
     * find its operator ({@code allowNonRestoredState} false).
     */
    public String run(String jarId, String entryClass, List<String> args, int parallelism, String savepointPath)
            throws Exception {
        Map<String, Object> request = new java.util.LinkedHashMap<>(Map.of("entryClass", entryClass,
                "programArgsList", args, "parallelism", parallelism));
        if (savepointPath != null) {
            request.put("savepointPath", savepointPath);
            request.put("allowNonRestoredState", false);
        }
        return post("/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    /**
     * Stops a job with a savepoint into this directory ({@code POST /jobs/:id/stop}) once every task runs, and
     * returns the savepoint's path once the job has stopped (the savepoint completes a moment before). A stop
     * refused because a task was not running (the job was restarting after a failure, whose cause is printed) is
     * tried again until the deadline.
     */
    public String stopWithSavepoint(String jobId, Path targetDirectory) throws Exception {
        return stopWithSavepoint(jobId, targetDirectory, false);
    }

    /**
     * The same; with {@code drain}, the sources emit the final watermark first, so that every window and timer fires
     * as at the end of a bounded run.
     */
    public String stopWithSavepoint(String jobId, Path targetDirectory, boolean drain) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            awaitAllTasksRunning(jobId, deadline);
            String trigger = post("/jobs/" + jobId + "/stop",
                    Map.of("targetDirectory", targetDirectory.toUri().toString(), "drain", drain))
                    .path("request-id").asText();
            JsonNode operation = awaitSavepointOperation(jobId, trigger, deadline);
            if (operation.has("location")) {
                awaitStopped(jobId, deadline);
                return operation.path("location").asText();
            }
            String cause = operation.path("failure-cause").toString();
            if (!cause.contains("Not all required tasks are currently running")) {
                throw new IllegalStateException("stop-with-savepoint failed: " + cause);
            }
            System.out.println("FlinkStandaloneCluster: stop-with-savepoint refused, a task was not running; "
                    + "the job's exceptions: " + get("/jobs/" + jobId + "/exceptions").path("exceptionHistory")
                            .path("entries").findValuesAsText("exceptionName"));
            Thread.sleep(1000);
        }
        throw new IllegalStateException("stop-with-savepoint did not complete in 2 min; logs in " + logs());
    }

    private void awaitAllTasksRunning(String jobId, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/jobs/" + jobId);
            boolean running = "RUNNING".equals(job.path("state").asText());
            for (JsonNode vertex : job.path("vertices")) {
                running &= "RUNNING".equals(vertex.path("status").asText());
            }
            if (running) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the tasks of " + jobId + " did not all run in time; logs in " + logs());
    }

    private void awaitStopped(String jobId, long deadline) throws Exception {
        while (!List.of("FINISHED", "CANCELED", "FAILED").contains(get("/jobs/" + jobId).path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job " + jobId + " did not stop in time; logs in " + logs());
            }
            Thread.sleep(100);
        }
    }

    private JsonNode awaitSavepointOperation(String jobId, String trigger, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                return status.path("operation");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("stop-with-savepoint did not complete in 2 min; logs in " + logs());
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restAddress() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 202) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public Path logs() {
        return dir.resolve("log");
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (System.getProperty("beizeng.keepClusterLogs") == null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

}
