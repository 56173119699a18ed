package io.beizeng;

/** A problem found before the job starts (unreachable database or broker, missing topic): one line for the user. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    /** The first line of the innermost cause's message: what a one-line error says about a failure. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
