package io.mayhem.simulation;

import io.mayhem.request.RestartRequest;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.RestartFailed;
import io.mayhem.tasks.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every restart attempt of the run: who ran it, from when to when. An attempt ends when its future completes
 * or is cancelled (the handler cancels it when fenced), or when its instance dies. Points in time carry the
 * global step sequence, so two attempts at the same virtual instant still have an order.
 */
final class RestartLog {

    static final class Attempt {
        final String messageId;
        final String instance;
        final SimWorld.Node node;
        final Instant start;
        final long startSeq;
        Instant end;
        long endSeq = Long.MAX_VALUE;
        String how;

        Attempt(String messageId, String instance, SimWorld.Node node, Instant start, long startSeq) {
            this.messageId = messageId;
            this.instance = instance;
            this.node = node;
            this.start = start;
            this.startSeq = startSeq;
        }

        boolean open() {
            return end == null;
        }

        @Override
        public String toString() {
            return instance + " [" + ProtocolSimulation.since(start) + " .. "
                    + (end == null ? "open" : ProtocolSimulation.since(end) + " " + how) + "]";
        }
    }

    private final SimWorld world;
    private final Map<String, String> idByHost;
    /** Why an attempt of this request may not start on this instance now, or null. */
    java.util.function.BiFunction<String, String, String> fencing = (id, instance) -> null;
    /** Off when the lease's timers may run late: running attempts then outlive the lease (docs/testing.md, "The protocol simulation"). */
    boolean checkOverlap = true;
    final List<Attempt> attempts = new ArrayList<>();
    private long seq;

    RestartLog(SimWorld world, Map<String, String> idByHost) {
        this.world = world;
        this.idByHost = idByHost;
    }

    private void end(Attempt a, String how) {
        if (a.end == null) {
            a.end = world.now();
            a.endSeq = seq++;
            a.how = how;
            world.trace.add(world.at() + " " + a.instance + " attempt " + ProtocolSimulation.shortId(a.messageId)
                    + " ends: " + how);
        }
    }

    /** The instance died: its attempts end now (the remote restart may go on; nobody waits for it). */
    void died(SimWorld.Node node) {
        attempts.stream().filter(a -> a.node == node && a.open()).forEach(a -> end(a, "instance died"));
    }

    /** The stand-in restarter of one instance: a random latency on its timer, then success or RestartFailed. */
    HostRestarter restarter(String instance, SimWorld.Node node, Scheduler timer, double failureRate,
                            Duration maxLatency) {
        return new HostRestarter() {
            @Override
            public CompletableFuture<Void> restart(RestartRequest request) {
                return attempt(request.hostname(), instance, node, timer, failureRate, maxLatency);
            }

            @Override
            public String describe(RestartRequest request) {
                return "simulate a restart of " + request.hostname();
            }
        };
    }

    private CompletableFuture<Void> attempt(String hostname, String instance, SimWorld.Node node, Scheduler timer,
                                            double failureRate, Duration maxLatency) {
        String id = idByHost.get(hostname);
        Attempt record = new Attempt(id, instance, node, world.now(), seq++);
        attempts.add(record);
        String unfenced = fencing.apply(id, instance);
        if (unfenced != null) {
            world.fail("restart attempt of " + id + " started on " + instance + " without its lease: " + unfenced);
        }
        if (checkOverlap) {
            checkOverlap(record);
        }
        world.trace.add(world.at() + " " + instance + " attempt " + ProtocolSimulation.shortId(id) + " starts");
        Running running = new Running(record);
        long nanos = (long) (world.random.nextDouble() * maxLatency.toNanos());
        boolean fails = world.random.nextDouble() < failureRate;
        timer.schedule(Duration.ofNanos(nanos), () -> {
            if (!running.cancelRequested && !running.isDone()) {
                end(record, fails ? "failed" : "restarted");
                if (fails) {
                    running.completeExceptionally(new RestartFailed("Could not restart " + hostname));
                } else {
                    running.complete(null);
                }
            }
        });
        return running;
    }

    /** Two attempts of one request by live instances must never be in progress at once. */
    private void checkOverlap(Attempt started) {
        for (Attempt other : attempts) {
            if (other != started && other.messageId.equals(started.messageId) && other.open()) {
                world.fail("two restart attempts of " + started.messageId + " in progress at once: " + other
                        + " and " + started);
            }
        }
    }

    /**
     * The attempt's future. Cancelling it records the end at once; the cancellation itself (which runs the
     * continuations) is deferred to the end of the step, so its order does not follow the handler's hash set.
     */
    private final class Running extends CompletableFuture<Void> {
        final Attempt record;
        boolean cancelRequested;

        Running(Attempt record) {
            this.record = record;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (cancelRequested || isDone()) {
                return false;
            }
            cancelRequested = true;
            world.defer(record.messageId, () -> {
                end(record, "cancelled");
                super.cancel(false);
            });
            return true;
        }
    }
}
