package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    Settings d = Settings.defaults();

    @Test
    void defaultsAreThoseOfTheDesign() {
        assertThat(d.publisherRate()).isEqualTo(2);
        assertThat(d.leaseExtendEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.leaseExtendBy()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.maxOutstanding()).isEqualTo(1000);
        assertThat(d.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.maxPayloadBytes()).isEqualTo(65536);
        assertThat(d.slowTaskThreshold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.dedupWindow()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesAZeroSlowTaskThresholdAndAcceptsOneMillisecond() {
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), Duration.ZERO, d.dedupWindow()))
                .hasMessage("mayhem.tasks.slow-threshold must be > 0");
        assertThat(new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), Duration.ofMillis(1), d.dedupWindow()).slowTaskThreshold())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void refusesAPayloadCapTooSmallForAValidRequest() {
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 127, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .hasMessageContaining("mayhem.intake.max-payload-bytes must be >= 128");
        assertThat(new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 128, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()).maxPayloadBytes()).isEqualTo(128);
    }

    @Test
    void refusesAFailureRateOutsideZeroToOne() {
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 1.5, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .hasMessageContaining("mayhem.simulation.restart-failure-rate");
    }

    @Test
    void refusesALeaseThatWouldExpireBeforeItIsExtended() {
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                Duration.ofSeconds(3), Duration.ofSeconds(2), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .hasMessageContaining("mayhem.lease.extend-by");
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 0, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .hasMessageContaining("mayhem.restart.max-attempts");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mayhem.publisher.rate", "mayhem.hostname.domain",
            "mayhem.simulation.save-failure-rate", "mayhem.flow.max-outstanding", "mayhem.lease.extend-every"})
    void namesTheKeyOfEveryOtherBadValue(String key) {
        assertThatThrownBy(() -> new Settings(true,
                key.equals("mayhem.publisher.rate") ? -1 : 2,
                key.equals("mayhem.hostname.domain") ? " " : "example.net",
                d.maxLatency(), 0.25,
                key.equals("mayhem.simulation.save-failure-rate") ? -0.1 : 0.25, null,
                key.equals("mayhem.lease.extend-every") ? Duration.ZERO : d.leaseExtendEvery(),
                d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(),
                key.equals("mayhem.flow.max-outstanding") ? 0 : 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    @Test
    void acceptsTheEdgeValues() {
        Settings edges = new Settings(false, 0, "example.net", Duration.ZERO, 0.0, 1.0, 7L, Duration.ofSeconds(2),
                Duration.ofSeconds(3), d.leaseMaxTotal(), 1, d.restartBackoff(), 1, d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow());
        assertThat(edges.restartMaxAttempts()).isEqualTo(1);
        assertThat(new Settings(false, 0, "example.net", Duration.ZERO, 1.0, 0.0, 7L, Duration.ofSeconds(2),
                Duration.ofSeconds(3), d.leaseMaxTotal(), 1, d.restartBackoff(), 1, d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow())
                .restartFailureRate()).isEqualTo(1.0);
    }

    @Test
    void refusesAnExtensionNoLongerThanItsPeriod() {
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                Duration.ofSeconds(2), Duration.ofSeconds(2), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .hasMessageContaining("mayhem.lease.extend-by");
    }

    @Test
    void refusesAMissingDomain() {
        assertThatThrownBy(() -> new Settings(true, 2, null, d.maxLatency(), 0.25, 0.25, null, d.leaseExtendEvery(),
                d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000, d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), d.dedupWindow()))
                .hasMessageContaining("mayhem.hostname.domain");
    }

    @Test
    void theDeduplicationWindowIsAtLeastAMinute() {
        Settings d = Settings.defaults();
        assertThatThrownBy(() -> new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), Duration.ofSeconds(59)))
                .hasMessageContaining("mayhem.store.dedup-window");
        assertThat(new Settings(true, 2, "example.net", d.maxLatency(), 0.25, 0.25, null,
                d.leaseExtendEvery(), d.leaseExtendBy(), d.leaseMaxTotal(), 3, d.restartBackoff(), 1000,
                d.intakeWait(), 65536, d.shutdownTimeout(), d.slowTaskThreshold(), Duration.ofMinutes(1))
                .dedupWindow()).isEqualTo(Duration.ofMinutes(1));
    }
}
