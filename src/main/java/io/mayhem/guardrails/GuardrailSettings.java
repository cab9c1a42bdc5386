package io.mayhem.guardrails;

import java.util.List;
import java.util.Objects;

/**
 * The target filter and quiet times, read from their settings (docs/guardrails.md). {@code MayhemConfig} reads
 * each key with {@code getOptionalValue} (MicroProfile Config treats an empty value as absent) and passes null
 * for an absent one.
 *
 * @param targets {@code mayhem.targets.include} and {@code mayhem.targets.exclude}
 * @param quietTimes the {@code mayhem.quiet.*} keys
 */
public record GuardrailSettings(TargetFilter targets, QuietTimes quietTimes) {

    public GuardrailSettings {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(quietTimes, "quietTimes");
    }

    /**
     * @param include {@code mayhem.targets.include}, or null: every name
     * @param exclude {@code mayhem.targets.exclude}, or null: no name
     * @param weekdays {@code mayhem.quiet.weekdays}, or null: none
     * @param timesOfDay {@code mayhem.quiet.times-of-day}, or null: none
     * @param daysOfYear {@code mayhem.quiet.days-of-year}, or null: none
     * @param timezone {@code mayhem.quiet.timezone}, or null: UTC
     * @return the settings
     * @throws IllegalArgumentException naming the key when a value cannot be read (see {@link TargetFilter#parse} and
     *         {@link QuietTimes#parse})
     */
    public static GuardrailSettings parse(String include, String exclude, String weekdays, String timesOfDay,
            String daysOfYear, String timezone) {
        return new GuardrailSettings(TargetFilter.parse(include, exclude),
                QuietTimes.parse(weekdays, timesOfDay, daysOfYear, timezone));
    }

    /** @return every name admitted, no quiet time: what microprofile-config.properties sets */
    public static GuardrailSettings defaults() {
        return new GuardrailSettings(TargetFilter.all(), QuietTimes.none());
    }

    /** @return the rules to check, the target filter first */
    public List<Guardrail> rules() {
        return List.of(targets, quietTimes);
    }
}
