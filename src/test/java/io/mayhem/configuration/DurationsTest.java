package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "2s, PT2S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "PT2S, PT2S", " 3s , PT3S"})
    void parsesShortAndIsoForms(String text, String expected) {
        assertThat(Durations.parse("k", text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void namesTheKeyWhenTheValueIsNotADuration() {
        assertThatThrownBy(() -> Durations.parse("mayhem.shutdown.timeout", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mayhem.shutdown.timeout is not a duration: 'soon'");
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> Durations.parse("k", "PT-1S")).hasMessageContaining("must not be negative");
    }

    @Test
    void formatsWholeSecondsInSecondsAndTheRestInMilliseconds() {
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
