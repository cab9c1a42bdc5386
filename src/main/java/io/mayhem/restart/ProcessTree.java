package io.mayhem.restart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started: its descendants first (so that each parent is still there to reap
 * its children), then the process itself, each asked to stop ({@code SIGTERM}) and, if still alive after the grace,
 * forced ({@code SIGKILL}). No thread waits: the JDK's exit notifications and its delayed executor drive it.
 * A child started between the look at the tree and the parent's end escapes; a command that must be stoppable
 * should not start daemons.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Starts stopping the tree and returns at once.
     *
     * @param process the root of the tree
     * @param grace how long each step waits for the processes to end before the next one
     * @return completes once every process of the tree seen has ended, or the forced kill was sent
     */
    static CompletableFuture<Void> kill(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        descendants.forEach(ProcessHandle::destroy);
        return exits(descendants, grace).thenCompose(ignored -> {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.addAll(descendants);
            all.add(process);
            all.forEach(ProcessHandle::destroy);
            return exits(all, grace).thenRun(() -> all.stream().filter(ProcessHandle::isAlive)
                    .forEach(ProcessHandle::destroyForcibly));
        });
    }

    private static CompletableFuture<Void> exits(List<ProcessHandle> processes, Duration grace) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(exits).completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
