package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartLimitsTest {

    @Test
    void theDefaultsSetNoLimit() {
        assertThat(RestartLimits.NONE).isEqualTo(new RestartLimits(Duration.ZERO, 0, Duration.ofHours(1)));
    }

    @Test
    void eachValueOutOfRangeIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> new RestartLimits(Duration.ofSeconds(-1), 0, Duration.ofHours(1)))
                .hasMessage("mayhem.restart.min-interval-per-target must be >= 0, was PT-1S");
        assertThatThrownBy(() -> new RestartLimits(Duration.ZERO, -1, Duration.ofHours(1)))
                .hasMessage("mayhem.restart.max-per-window must be >= 0 (0: no limit), was -1");
        assertThatThrownBy(() -> new RestartLimits(Duration.ZERO, 1, Duration.ZERO))
                .hasMessage("mayhem.restart.window must be > 0, was PT0S");
        assertThatThrownBy(() -> new RestartLimits(Duration.ZERO, 1, Duration.ofSeconds(-5)))
                .hasMessage("mayhem.restart.window must be > 0, was PT-5S");
        assertThat(new RestartLimits(Duration.ZERO, 0, Duration.ofMillis(1)).window()).isEqualTo(Duration.ofMillis(1));
    }
}
