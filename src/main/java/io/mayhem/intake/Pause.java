package io.mayhem.intake;

import java.time.Duration;

/** Blocks the calling thread for a while: {@code Thread::sleep} in the server, a recording fake in tests. */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration) throws InterruptedException;

    /** The real one. */
    static Pause sleeping() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
