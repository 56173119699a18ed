package io.beizeng;

/** A problem found before the job starts (unreachable database or broker, missing topic): one line for the user. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
