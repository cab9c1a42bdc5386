package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void withoutUsersTheApiIsOffAndTheRateMustBeAtLeastOne() {
        assertThat(OperatorSettings.of(null, 1).callers().isEmpty()).isTrue();
        assertThat(OperatorSettings.of(null, 1).restartsPerMinute()).isEqualTo(1);
        assertThatThrownBy(() -> OperatorSettings.of(null, 0))
                .hasMessage("mayhem.api.restarts.rate-per-minute must be >= 1, was 0");
    }

    @Test
    void parsesTheUsers() {
        OperatorSettings settings = OperatorSettings.of("ops:operator:" + PasswordHashTest.CORRECT_HORSE, 10);

        assertThat(settings.callers().authenticate("ops", "correct horse")).isPresent();
        assertThatThrownBy(() -> OperatorSettings.of("ops", 10)).hasMessageStartingWith("mayhem.api.users entry 1");
    }
}
