package io.mayhem.handling;

/** A guardrail refused the restart (docs/design.md section 10): the request ends SKIPPED with this reason. */
final class RestartSkipped extends RuntimeException {

    RestartSkipped(String reason) {
        super(reason, null, false, false);
    }
}
