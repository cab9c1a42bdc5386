package io.mayhem.configuration;

import java.time.Duration;

/** Every setting of docs/design.md section 5, validated; {@link #defaults()} matches microprofile-config.properties. */
public record Settings(
        boolean publisherEnabled,
        int publisherRate,
        String hostnameDomain,
        Duration maxLatency,
        double restartFailureRate,
        double saveFailureRate,
        Long seed,
        Duration leaseExtendEvery,
        Duration leaseExtendBy,
        Duration leaseMaxTotal,
        int restartMaxAttempts,
        Duration restartBackoff,
        int maxOutstanding,
        Duration intakeWait,
        int maxPayloadBytes,
        Duration shutdownTimeout,
        Duration slowTaskThreshold,
        Duration dedupWindow) {

    public Settings {
        require(publisherRate >= 0, "mayhem.publisher.rate must be >= 0, was " + publisherRate);
        require(hostnameDomain != null && !hostnameDomain.isBlank(), "mayhem.hostname.domain must not be blank");
        require(rate(restartFailureRate), "mayhem.simulation.restart-failure-rate must be in [0, 1], was " + restartFailureRate);
        require(rate(saveFailureRate), "mayhem.simulation.save-failure-rate must be in [0, 1], was " + saveFailureRate);
        require(!leaseExtendEvery.isZero(), "mayhem.lease.extend-every must be > 0");
        require(leaseExtendBy.compareTo(leaseExtendEvery) > 0,
                "mayhem.lease.extend-by (" + leaseExtendBy + ") must be longer than mayhem.lease.extend-every (" + leaseExtendEvery + ")");
        require(restartMaxAttempts >= 1, "mayhem.restart.max-attempts must be >= 1, was " + restartMaxAttempts);
        require(maxOutstanding >= 1, "mayhem.flow.max-outstanding must be >= 1, was " + maxOutstanding);
        require(maxPayloadBytes >= 128, "mayhem.intake.max-payload-bytes must be >= 128 (a valid request needs about 90), was "
                + maxPayloadBytes);
        require(!slowTaskThreshold.isZero(), "mayhem.tasks.slow-threshold must be > 0");
        require(dedupWindow.compareTo(java.time.Duration.ofMinutes(1)) >= 0,
                "mayhem.store.dedup-window must be at least 1m (redeliveries within it are recognised), was " + dedupWindow);
    }

    public static Settings defaults() {
        return new Settings(true, 2, "example.net", Duration.ofSeconds(1), 0.25, 0.25, null,
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofHours(1), 3, Duration.ofMillis(200),
                1000, Duration.ofSeconds(30), 64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofDays(1));
    }

    private static boolean rate(double value) {
        return value >= 0.0 && value <= 1.0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
