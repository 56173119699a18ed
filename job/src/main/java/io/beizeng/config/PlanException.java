package io.beizeng.config;

/** An invalid plan file; the message names the field. */
public class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
