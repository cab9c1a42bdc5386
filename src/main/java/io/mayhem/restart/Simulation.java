package io.mayhem.restart;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The simulated world: how long a save or restart takes and whether it fails. */
public final class Simulation {

    private final RandomGenerator random;
    private final Duration maxLatency;
    private final double restartFailureRate;
    private final double saveFailureRate;

    public Simulation(RandomGenerator random, Duration maxLatency, double restartFailureRate, double saveFailureRate) {
        this.random = random;
        this.maxLatency = maxLatency;
        this.restartFailureRate = restartFailureRate;
        this.saveFailureRate = saveFailureRate;
    }

    /** U(0, max-latency). */
    public Duration latency() {
        return Duration.ofNanos((long) (random.nextDouble() * maxLatency.toNanos()));
    }

    public boolean restartFails() {
        return random.nextDouble() < restartFailureRate;
    }

    public boolean saveFails() {
        return random.nextDouble() < saveFailureRate;
    }
}
