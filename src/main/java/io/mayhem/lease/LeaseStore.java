package io.mayhem.lease;

import java.time.Instant;

/** Where leases live, so that any instance can see them; blocking. */
public interface LeaseStore {

    /** Moves this instance's lease on the request to {@code until}. */
    void extend(String messageId, Instant until, int extendedCount);

    /** Releases every lease this instance holds on unacked requests (the nack); returns how many. */
    int releaseAll();
}
