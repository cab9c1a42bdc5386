package io.mayhem.restart;

import java.util.concurrent.CompletableFuture;

/**
 * The handler's say over a request's restart attempts: whether one may start now (the lease is held and the
 * request is not finished), and which attempt is running, so the handler can cancel it when the lease is lost
 * or the request was acked (docs/design.md section 3, fencing).
 */
public interface Attempts {

    /** True when an attempt may start now. */
    boolean mayStart();

    /** The attempt just started; cancelling the future stops waiting for it. */
    void running(CompletableFuture<Void> attempt);

    /** Always allows, tracks nothing: for callers without a lease (tests of the retry rule). */
    static Attempts unguarded() {
        return new Attempts() {
            @Override
            public boolean mayStart() {
                return true;
            }

            @Override
            public void running(CompletableFuture<Void> attempt) {
            }
        };
    }
}
