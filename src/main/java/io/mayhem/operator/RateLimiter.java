package io.mayhem.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds up to {@code perMinute} tokens, starts full and gains one every minute / perMinute.
 * Thread-safe.
 */
public final class RateLimiter {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final Clock clock;
    private final long capacity;
    private final long refillNanos;
    private long tokens;
    private Instant lastRefill;

    public RateLimiter(Clock clock, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 per minute, was " + perMinute);
        }
        this.clock = clock;
        this.capacity = perMinute;
        this.refillNanos = MINUTE_NANOS / perMinute;
        this.tokens = perMinute;
        this.lastRefill = clock.instant();
    }

    /** Takes a token: 0 when there was one, else the whole seconds (at least 1) until the next one comes. */
    public synchronized long tryAcquire() {
        Instant now = clock.instant();
        long elapsed = Math.max(0, Duration.between(lastRefill, now).toNanos());
        long gained = elapsed / refillNanos;
        if (tokens + gained >= capacity) {
            tokens = capacity;
            lastRefill = now;
        } else {
            tokens += gained;
            lastRefill = lastRefill.plusNanos(gained * refillNanos);
        }
        if (tokens > 0) {
            tokens--;
            return 0;
        }
        long waitNanos = refillNanos - Duration.between(lastRefill, now).toNanos();
        return Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000);
    }

    /** Gives a token back (the attempt it was taken for does not count), up to the capacity. */
    public synchronized void release() {
        tokens = Math.min(capacity, tokens + 1);
    }
}
