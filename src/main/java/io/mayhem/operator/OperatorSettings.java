package io.mayhem.operator;

/** The operator API's settings (docs/operations.md "Manual restarts"); validated like {@code Settings}, naming the key. */
public record OperatorSettings(Callers callers, int restartsPerMinute) {

    public OperatorSettings {
        if (restartsPerMinute < 1) {
            throw new IllegalArgumentException("mayhem.api.restarts.rate-per-minute must be >= 1, was " + restartsPerMinute);
        }
    }

    /** From the settings' texts: {@code mayhem.api.users} (null when not set) and the rate. */
    public static OperatorSettings of(String users, int restartsPerMinute) {
        return new OperatorSettings(Callers.parse(users), restartsPerMinute);
    }
}
