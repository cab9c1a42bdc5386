package io.mayhem.intake;

/**
 * Intake cannot take the message now (closed, saturated, or the database is down): the transaction rolls
 * back, the broker keeps it.
 */
public class IntakeRefused extends RuntimeException {
    public IntakeRefused(String message) {
        super(message);
    }

    public IntakeRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
