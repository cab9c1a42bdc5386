package io.mayhem.lease;

import io.mayhem.request.RestartRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * What is in flight on this instance, recorded once (docs/design.md sections 2 and 3), and the lease rules for each
 * request in it. The handler, the stats, the readiness check and the shutdown read it.
 *
 * <p>Room: at most mayhem.flow.max-outstanding requests; intake {@linkplain #reserve reserves} a place before it
 * stores a request and {@linkplain #release releases} it when the request's handling ends (or it was not stored).
 * Handled: each request being handled, under the lease owner it was stored or claimed under; a request is
 * handled at most once per owner here, whichever path (intake, a repeated store, the sweep) brings it.
 *
 * <p>The lease rules for a request (the instance's one heartbeat, {@link InstanceLease}, renews all of them):
 * its handling starts only while its owner holds the lease, and that start counts its first extension; each
 * renewal extends every request of the owner that is not finishing, or fails one held mayhem.lease.max-total or
 * longer; a lapse stops all work of the owner's requests at once and acks none of them; work (a restart attempt,
 * an ack) starts only while the request is not finishing and its owner holds the lease; the shutdown
 * {@linkplain #cancelAll cancels} every request and {@linkplain InstanceLease#release releases} the leases.
 */
public final class InFlight implements InstanceLease.Holder {

    /** Up to this many requests in flight, each renewal logs one line per request, as the original did. */
    public static final int EXTENSION_LINES = 20;

    private static final Logger LOG = Logger.getLogger(InFlight.class.getName());

    /** A request's handling, as the rules act on it. */
    public interface Held {
        /** True once it is finishing (acking, acked, failed or cancelled): no longer extended. */
        boolean finishing();

        /** Its lease was extended: count it. */
        void extended();

        /** Its lease may be lost: stop all work at once and ack nothing. */
        void lost(String reason);

        /** It held its lease mayhem.lease.max-total or longer: stop all work and ack it FAILED with this reason. */
        void heldTooLong(String reason);

        /** The shutdown: stop all work, never ack. True when it was still running. */
        boolean cancel();
    }

    /** One request being handled. */
    public final class Entry {
        private final RestartRequest request;
        private final String owner;
        private final Instant since;
        private final Held held;
        private final AtomicBoolean reportedSlow = new AtomicBoolean();

        private Entry(RestartRequest request, String owner, Instant since, Held held) {
            this.request = request;
            this.owner = owner;
            this.since = since;
            this.held = held;
        }

        public RestartRequest request() {
            return request;
        }

        /** When its handling started. */
        public Instant since() {
            return since;
        }

        /** True while its owner holds the lease. */
        public boolean leaseHeld() {
            return lease.holds(owner);
        }

        /** True when work may start for it now: it is not finishing and its owner holds the lease. */
        public boolean mayWork() {
            return !held.finishing() && lease.holds(owner);
        }

        /** True the first time only: a slow handling is reported once. */
        public boolean firstSlowReport() {
            return reportedSlow.compareAndSet(false, true);
        }
    }

    private final InstanceLease lease;
    private final Clock clock;
    private final Duration maxTotal;
    private final Semaphore room;
    private final Map<Key, Entry> handled = new ConcurrentHashMap<>();

    private record Key(String messageId, String owner) {
    }

    /**
     * @param maxTotal how long one request may hold its lease (mayhem.lease.max-total)
     * @param capacity requests in flight at most (mayhem.flow.max-outstanding)
     */
    public InFlight(InstanceLease lease, Clock clock, Duration maxTotal, int capacity) {
        this.lease = lease;
        this.clock = clock;
        this.maxTotal = maxTotal;
        this.room = new Semaphore(capacity);
    }

    /** Takes a place for one more request, waiting at most {@code wait}; false when none came free. */
    public boolean reserve(Duration wait) throws InterruptedException {
        return room.tryAcquire(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Takes a place, waiting for one however long that takes (the sweep, which asked for {@link #room()} first). */
    public void reserveUninterruptibly() {
        room.acquireUninterruptibly();
    }

    /** Gives a place back: its request's handling ended, or the request was not stored. */
    public void release() {
        room.release();
    }

    /** Places free now. */
    public int room() {
        return room.availablePermits();
    }

    /** True while requests in flight leave no room for another. */
    public boolean saturated() {
        return room.availablePermits() == 0;
    }

    /**
     * Records a request whose handling starts now, under the lease owner it was stored or claimed under.
     *
     * @return its entry, or empty when the request is already being handled here under that owner (a store that
     *         reported a failure but committed, then stored again; or the sweep and intake taking the same request
     *         at once): it must not be handled a second time
     */
    public Optional<Entry> track(RestartRequest request, String owner, Held held) {
        Entry entry = new Entry(request, owner, clock.instant(), held);
        return handled.putIfAbsent(new Key(request.messageId(), owner), entry) == null ? Optional.of(entry)
                : Optional.empty();
    }

    /** True while the request is being handled here under {@code owner}. */
    public boolean handles(String messageId, String owner) {
        return handled.containsKey(new Key(messageId, owner));
    }

    /** Its handling ended, acked or not. */
    public void untrack(Entry entry) {
        handled.remove(new Key(entry.request.messageId(), entry.owner), entry);
    }

    /** Requests being handled now. */
    public int size() {
        return handled.size();
    }

    /** The requests being handled now. */
    public Collection<Entry> entries() {
        return Collections.unmodifiableCollection(handled.values());
    }

    /**
     * The handling of the entry starts: true when its owner holds the lease, and the lease it was stored or
     * claimed under counts as its first extension (the original's first extension, at once); false when not.
     */
    public boolean start(Entry entry) {
        if (!lease.holds(entry.owner)) {
            return false;
        }
        entry.held.extended();
        logExtension(entry, lease.extendBy());
        return true;
    }

    /** The shutdown: stops every request being handled; none of them is acked by this instance. Returns how many. */
    public int cancelAll() {
        int count = 0;
        for (Entry entry : handled.values()) {
            if (entry.held.cancel()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void renewed(String owner, Duration by) {
        Instant now = clock.instant();
        List<Entry> extended = new ArrayList<>();
        for (Entry entry : handled.values()) {
            if (!owner.equals(entry.owner) || entry.held.finishing()) {
                continue;
            }
            if (Duration.between(entry.since, now).compareTo(maxTotal) >= 0) {
                entry.held.heldTooLong("Lease held longer than mayhem.lease.max-total (" + maxTotal + ") for "
                        + entry.request);
            } else {
                entry.held.extended();
                extended.add(entry);
            }
        }
        if (extended.size() <= EXTENSION_LINES) {
            extended.forEach(entry -> logExtension(entry, by));
        } else {
            LOG.info(() -> "Extended deadline by " + by.toSeconds() + " seconds for " + extended.size()
                    + " messages (one heartbeat of owner " + owner + "; one line per message up to "
                    + EXTENSION_LINES + ")");
        }
    }

    @Override
    public void lapsed(String owner, String reason) {
        for (Entry entry : handled.values()) {
            if (owner.equals(entry.owner)) {
                entry.held.lost("lease lapsed: " + reason);
            }
        }
    }

    private static void logExtension(Entry entry, Duration by) {
        LOG.info(() -> "Extended deadline by " + by.toSeconds() + " seconds for " + entry.request + " "
                + entry.request.tag());
    }
}
