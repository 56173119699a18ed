package io.beizeng;

/** A job that ran and failed: its one-line message names the cause (exit code 1). */
public final class JobFailedException extends RuntimeException {
    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
