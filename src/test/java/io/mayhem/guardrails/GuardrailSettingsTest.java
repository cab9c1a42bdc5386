package io.mayhem.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardrailSettingsTest {

    static Optional<String> firstRefusal(GuardrailSettings settings, RestartRequest request, Instant now) {
        return settings.rules().stream().map(rule -> rule.refusal(request, now)).flatMap(Optional::stream).findFirst();
    }

    @Test
    void absentSettingsAdmitEveryTargetAtAnyTime() {
        GuardrailSettings settings = GuardrailSettings.parse(null, null, null, null, null, null);

        assertThat(settings.targets()).hasToString(TargetFilter.all().toString());
        assertThat(settings.quietTimes().isEmpty()).isTrue();
        assertThat(settings.quietTimes()).hasToString(QuietTimes.none().toString());
        assertThat(firstRefusal(settings, TargetFilterTest.request("prod-db-1"), Instant.parse("2026-12-24T12:00:00Z")))
                .isEmpty();
        assertThat(GuardrailSettings.defaults().rules()).hasSize(2);
        assertThat(firstRefusal(GuardrailSettings.defaults(), TargetFilterTest.request("x"), Instant.EPOCH)).isEmpty();
    }

    @Test
    void buildsBothRulesFromTheirKeysAndChecksTheTargetFilterFirst() {
        GuardrailSettings settings = GuardrailSettings.parse("cattle-.*", "cattle-13", "Sat,Sun", "22:00-08:00", "Dec24",
                "Europe/Berlin");
        Instant saturdayNoon = Instant.parse("2026-06-06T10:00:00Z");
        Instant mondayNoon = Instant.parse("2026-06-08T10:00:00Z");

        assertThat(settings.rules()).containsExactly(settings.targets(), settings.quietTimes());
        assertThat(firstRefusal(settings, TargetFilterTest.request("pet-1"), saturdayNoon))
                .contains("target filter: pet-1 does not match mayhem.targets.include (cattle-.*)");
        assertThat(firstRefusal(settings, TargetFilterTest.request("cattle-1"), saturdayNoon))
                .contains("quiet time: Saturday is in mayhem.quiet.weekdays (Sat,Sun, Europe/Berlin)");
        assertThat(firstRefusal(settings, TargetFilterTest.request("cattle-1"), mondayNoon)).isEmpty();
    }

    @Test
    void aBadValueFailsNamingItsKey() {
        assertThatThrownBy(() -> GuardrailSettings.parse(null, "(", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mayhem.targets.exclude: ");
        assertThatThrownBy(() -> GuardrailSettings.parse(null, null, null, null, "Dec", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mayhem.quiet.days-of-year: ");
        assertThatThrownBy(() -> GuardrailSettings.parse(null, null, null, null, null, "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mayhem.quiet.timezone: ");
        assertThatThrownBy(() -> new GuardrailSettings(null, QuietTimes.none())).isInstanceOf(NullPointerException.class);
    }
}
