package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsSettingsTest {

    @Test
    void theInstanceIsOptional() {
        assertThat(MetricsSettings.of(null).instance()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mayhem-7d9f-x2k4p", "host.example.net:8080", "[::1]:8080", "eu-1/mayhem_a", "a@b"})
    void takesPodNamesAndHostsWithPorts(String name) {
        assertThat(MetricsSettings.of(name).instance()).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "tab\there", "line\nbreak", "quote\"", "\u00e9t\u00e9"})
    void refusesAnythingElseNamingTheKey(String name) {
        assertThat(catchThrowable(() -> MetricsSettings.of(name))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mayhem.metrics.instance: ").hasMessageNotContaining("\n");
    }

    @Test
    void refusesMoreThan128Characters() {
        assertThat(MetricsSettings.of("a".repeat(128)).instance()).isPresent();
        assertThat(catchThrowable(() -> MetricsSettings.of("a".repeat(129)))).isInstanceOf(IllegalArgumentException.class);
    }
}
