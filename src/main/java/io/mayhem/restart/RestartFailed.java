package io.mayhem.restart;

/** A host did not restart; retried with backoff. */
public class RestartFailed extends RuntimeException {
    public RestartFailed(String message) {
        super(message);
    }
}
