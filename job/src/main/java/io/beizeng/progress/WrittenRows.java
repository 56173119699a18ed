package io.beizeng.progress;

import java.util.HashMap;
import java.util.Map;

/**
 * The rows an updater has written since its task started, by row key, so that it writes a row again only when it
 * changed. Deliberately not checkpointed: after a restore the table may hold rows written after the checkpoint, so
 * everything is written again once. Rows are records, compared with {@code equals}.
 */
final class WrittenRows {
    private final Map<String, Object> written = new HashMap<>();

    /** Remembers {@code row} under {@code key}; true when it differs from the row last written there. */
    boolean changed(String key, Object row) {
        Object previous = written.put(key, row);
        return !row.equals(previous);
    }

    void forget(String key) {
        written.remove(key);
    }
}
