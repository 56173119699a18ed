package io.beizeng.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The rows an updater has written since its task started, by row key, so that it writes a row again only when it
 * changed (keys are the rows' own key records). Deliberately not checkpointed: after a restore the table may hold rows written after the checkpoint, so
 * everything is written again once. Rows are records, compared with {@code equals}.
 */
public final class WrittenRows {
    private final Map<Object, Object> written = new HashMap<>();

    /** Remembers {@code row} under {@code key}; true when it differs from the row last written there. */
    public boolean changed(Object key, Object row) {
        Object previous = written.put(key, row);
        return !row.equals(previous);
    }

    public void forget(Object key) {
        written.remove(key);
    }
}
