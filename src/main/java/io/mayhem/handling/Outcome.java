package io.mayhem.handling;

/** How a handled request ended; published in the outcome event. */
public enum Outcome {
    DONE, FAILED
}
