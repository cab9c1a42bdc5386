package io.mayhem.lease;

import java.time.Instant;

/**
 * Where the instances' leases live, so that every instance sees them; blocking. One heartbeat row per lease
 * owner (an instance's epoch, see {@link InstanceLease}); each request in flight names its owner, so one
 * statement renews the leases of all of them (docs/design.md section 2, "lease keeper").
 */
public interface LeaseStore {

    /** Records a new owner whose heartbeat was renewed at {@code now}. */
    void register(String owner, Instant now);

    /**
     * Moves the owner's heartbeat to {@code now}, in one statement. Returns false when another instance has
     * already expired it (the heartbeat was older than extend-by when that instance swept): the owner has lost
     * its requests and must start no further work for them.
     */
    boolean renew(String owner, Instant now);

    /**
     * The shutdown's nack: releases every unacked request the owner holds, so any instance takes it over at
     * once, and expires the owner; one transaction. Returns how many requests were released.
     */
    int release(String owner);
}
