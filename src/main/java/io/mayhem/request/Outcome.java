package io.mayhem.request;

/** How a handled request ended; published in the outcome event. */
public enum Outcome {
    DONE, FAILED
}
