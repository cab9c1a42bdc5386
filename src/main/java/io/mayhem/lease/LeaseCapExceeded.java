package io.mayhem.lease;

/** A request held its lease longer than mayhem.lease.max-total. */
public class LeaseCapExceeded extends RuntimeException {
    public LeaseCapExceeded(String message) {
        super(message);
    }
}
