package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mayhem.testkit.VirtualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    VirtualScheduler time = new VirtualScheduler();

    @Test
    void startsFullAndRefusesTheRequestPastTheRate() {
        RateLimiter limiter = new RateLimiter(time.clock(), 3);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(20);
    }

    @Test
    void gainsOneTokenEachMinuteDividedByTheRateAndSaysHowLongToWait() {
        RateLimiter limiter = drained(3);

        time.advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquire()).isEqualTo(1);
        time.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire()).as("1 ms short of 20 s").isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(20);
    }

    @Test
    void keepsThePartOfAnIntervalThatHadPassedWhenATokenCame() {
        RateLimiter limiter = drained(3);

        time.advance(Duration.ofSeconds(50)); // two tokens, and 10 s towards the third
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(10);
        time.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire()).isZero();
    }

    @Test
    void neverHoldsMoreThanTheRateHoweverLongItWasIdle() {
        RateLimiter limiter = drained(3);

        time.advance(Duration.ofHours(5));
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).as("full at the moment of the call, so a whole interval to wait")
                .isEqualTo(20);
    }

    @Test
    void aBucketFilledUpKeepsNoPartOfAnInterval() {
        RateLimiter limiter = drained(3);

        time.advance(Duration.ofSeconds(65)); // exactly full again, 5 s into the next interval: dropped
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(20);
    }

    @Test
    void oneAMinuteWaitsAMinute() {
        RateLimiter limiter = drained(1);

        assertThat(limiter.tryAcquire()).isEqualTo(60);
        time.advance(Duration.ofSeconds(59).plusMillis(1));
        assertThat(limiter.tryAcquire()).isEqualTo(1);
    }

    @Test
    void aClockThatStepsBackGivesNoTokens() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Clock clock = mock(Clock.class);
        when(clock.instant()).thenReturn(start, start, start.minusSeconds(30));
        RateLimiter limiter = new RateLimiter(clock, 1);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(90);
    }

    @Test
    void refusesARateBelowOne() {
        assertThatThrownBy(() -> new RateLimiter(time.clock(), 0)).hasMessageContaining("at least 1 per minute, was 0");
        assertThat(new RateLimiter(time.clock(), 1).tryAcquire()).isZero();
    }

    private RateLimiter drained(int perMinute) {
        RateLimiter limiter = new RateLimiter(time.clock(), perMinute);
        for (int i = 0; i < perMinute; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        return limiter;
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainButNeverPastTheCapacity() {
        RateLimiter limiter = new RateLimiter(time.clock(), 2);
        limiter.release();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).as("full was full: the release added nothing").isPositive();

        limiter.release();

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isPositive();
    }
}
