package io.mayhem.request;

/**
 * How a handled request ended; published in the outcome event (docs/design.md section 9). Every value is
 * terminal: DONE (restarted, or not restarted for a reason that is no failure), FAILED (with the error), SKIPPED
 * (a guardrail refused the restart, with the reason; docs/design.md section 10).
 */
public enum Outcome {
    DONE, FAILED, SKIPPED
}
