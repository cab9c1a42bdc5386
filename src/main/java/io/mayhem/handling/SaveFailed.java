package io.mayhem.handling;

/** The restart event could not be saved. */
public class SaveFailed extends RuntimeException {
    public SaveFailed(String message) {
        super(message);
    }
}
