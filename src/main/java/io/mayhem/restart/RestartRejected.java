package io.mayhem.restart;

/**
 * The restart was refused in a way a retry cannot change (an HTTP 4xx answer, for example): the attempt fails
 * at once and is not retried, unlike {@link RestartFailed}.
 */
public class RestartRejected extends RuntimeException {

    /** @param message the reason, with what the target answered */
    public RestartRejected(String message) {
        super(message);
    }
}
