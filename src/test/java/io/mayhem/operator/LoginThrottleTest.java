package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    VirtualScheduler time = new VirtualScheduler();
    LoginThrottle throttle = new LoginThrottle(time.clock(), 3, 5);

    @Test
    void anAddressGetsItsFailuresThenWaitsWhileOthersGoOn() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("10.0.0.1")).isZero();
        }

        assertThat(throttle.tryAttempt("10.0.0.1")).isEqualTo(20);
        assertThat(throttle.tryAttempt("10.0.0.2")).as("another address").isZero();
        time.advance(Duration.ofSeconds(20));
        assertThat(throttle.tryAttempt("10.0.0.1")).isZero();
    }

    @Test
    void allAddressesTogetherHaveTheirOwnLimit() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("10.0.1." + i)).isZero();
        }

        assertThat(throttle.tryAttempt("10.0.1.9")).isEqualTo(12);
        // the refused attempt took nothing from its address: once the total has room, it has all three
        time.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("10.0.1.9")).isZero();
        }
    }

    @Test
    void anAttemptTheTotalRefusesCostsItsAddressNothing() {
        LoginThrottle tight = new LoginThrottle(time.clock(), 2, 1);
        assertThat(tight.tryAttempt("x")).isZero();
        assertThat(tight.tryAttempt("y")).as("the total is empty").isPositive();

        tight.succeeded("x");
        assertThat(tight.tryAttempt("y")).isZero();
        tight.succeeded("x");

        assertThat(tight.tryAttempt("y")).as("y still had both of its failures").isZero();
    }

    @Test
    void onlyFailuresCount() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.tryAttempt("10.0.0.1")).isZero();
            throttle.succeeded("10.0.0.1");
        }
        throttle.succeeded("never-seen");

        assertThat(throttle.tryAttempt("10.0.0.1")).isZero();
    }
}
