package io.beizeng.runtime;

import io.beizeng.model.RejectReason;

/** Thrown by the parsers for a record that must be rejected; never leaves the parser. */
public final class InvalidRecordException extends Exception {
    public final RejectReason reason;

    public InvalidRecordException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
