package io.mayhem.configuration;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of {@code GET /metrics} (docs/operations.md "Prometheus"): the value of the {@code instance} label
 * ({@code mayhem.metrics.instance}), when the operator names this instance; without it the instance is named by its
 * host name and HTTP port.
 *
 * @param instance the configured name, or empty
 */
public record MetricsSettings(Optional<String> instance) {

    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:/@\\[\\]-]{1,128}");

    public MetricsSettings {
        instance.ifPresent(name -> {
            if (!INSTANCE.matcher(name).matches()) {
                throw new IllegalArgumentException("mayhem.metrics.instance: \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\" is not an instance name (1 to 128 of letters, digits, '.', '_', ':', '/', '@', '[', ']', '-')");
            }
        });
    }

    /**
     * @param text the setting's value, or null when it is not set
     * @throws IllegalArgumentException naming the key when the value is not an instance name
     */
    public static MetricsSettings of(String text) {
        return new MetricsSettings(Optional.ofNullable(text));
    }
}
