package io.beizeng;

/**
 * Entry point of the cluster jar ({@code flink run beizeng-job.jar …}). It must not call System.exit: on a
 * cluster the program may run inside the JobManager. A failure is reported as an exception to the Flink client.
 */
public final class BeizengJob {
    private BeizengJob() {}

    public static void main(String[] args) {
        int code = BeizengCommand.execute(args);
        if (code != 0) {
            throw new IllegalStateException("beizeng exited with code " + code + " (see the message above)");
        }
    }
}
