package io.mayhem.operator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits failed logins before any password hash runs: a PBKDF2 hash costs a fifth of a second of CPU, so
 * anonymous callers could otherwise keep the cores busy with wrong passwords. An attempt takes a token from its
 * caller address's bucket and from the bucket of all callers before its hash runs, and gives both back when it
 * succeeds, so only failures count; when either bucket is empty the attempt is refused at once (429 with
 * Retry-After) and no hash runs. Thread-safe.
 */
public final class LoginThrottle {

    /** Failed logins a minute one caller address may make (a person who mistypes; docs/operations.md). */
    public static final int PER_ADDRESS_PER_MINUTE = 5;
    /** Failed logins a minute all callers together may make: at most about 4 s of hashing a minute. */
    public static final int TOTAL_PER_MINUTE = 20;
    /** Addresses remembered at most; the least recently seen is forgotten first (the total still holds). */
    static final int ADDRESSES = 10_000;

    private final Clock clock;
    private final int perAddress;
    private final RateLimiter total;
    private final Map<String, RateLimiter> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > ADDRESSES;
        }
    };

    public LoginThrottle(Clock clock) {
        this(clock, PER_ADDRESS_PER_MINUTE, TOTAL_PER_MINUTE);
    }

    LoginThrottle(Clock clock, int perAddress, int total) {
        this.clock = clock;
        this.perAddress = perAddress;
        this.total = new RateLimiter(clock, total);
    }

    /**
     * Takes the tokens of one login attempt from {@code address}.
     *
     * @return 0 when the attempt may run its hash, else the whole seconds (at least 1) until it may try again
     */
    public synchronized long tryAttempt(String address) {
        RateLimiter own = byAddress.computeIfAbsent(address, a -> new RateLimiter(clock, perAddress));
        long wait = own.tryAcquire();
        if (wait > 0) {
            return wait;
        }
        long totalWait = total.tryAcquire();
        if (totalWait > 0) {
            own.release();
        }
        return totalWait;
    }

    /** The attempt from {@code address} succeeded: its tokens come back. */
    public synchronized void succeeded(String address) {
        RateLimiter own = byAddress.get(address);
        if (own != null) {
            own.release();
        }
        total.release();
    }
}
