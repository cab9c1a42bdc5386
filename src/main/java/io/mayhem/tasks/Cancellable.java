package io.mayhem.tasks;

/** A scheduled task that can be stopped before it runs (again). */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
