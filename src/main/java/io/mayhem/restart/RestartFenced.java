package io.mayhem.restart;

/** No restart attempt was started: this instance no longer holds the request's lease, or it is finished. */
public class RestartFenced extends RuntimeException {
    public RestartFenced(String message) {
        super(message);
    }
}
