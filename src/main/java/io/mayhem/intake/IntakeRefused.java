package io.mayhem.intake;

/** Intake cannot take the message now (closed or saturated): the transaction rolls back, the broker keeps it. */
public class IntakeRefused extends RuntimeException {
    public IntakeRefused(String message) {
        super(message);
    }
}
