package io.mayhem.lease;

/**
 * This instance may no longer hold the lease of a request (its heartbeat failed or ran later than extend-by,
 * or another instance expired it): no further work starts for that request here (fencing, docs/design.md section 3).
 */
public class LeaseLost extends RuntimeException {
    public LeaseLost(String message) {
        super(message);
    }
}
