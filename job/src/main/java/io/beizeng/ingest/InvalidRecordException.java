package io.beizeng.ingest;

import io.beizeng.model.RejectReason;

/** Thrown by the parsers for a record that must be rejected; never leaves the parser. */
final class InvalidRecordException extends Exception {
    final RejectReason reason;

    InvalidRecordException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
