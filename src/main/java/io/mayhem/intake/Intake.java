package io.mayhem.intake;

import io.mayhem.tasks.RootCause;
import io.mayhem.handling.Acknowledger;
import io.mayhem.request.RestartRequest;
import io.mayhem.handling.RequestHandler;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseLost;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.GroupCommit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Takes each delivery inside the transaction that received it (docs/design.md section 2): poison goes to the dead
 * letters; a valid request is stored by group commit (many deliveries, one database transaction) under this
 * instance's lease owner and handed to the handler as soon as it is stored; the delivery's transaction commits
 * only after that. At most max-outstanding requests are in flight; past that, intake waits (bounded) and then
 * refuses. While requests cannot be stored (the database is down, no lease is held yet), intake retries with
 * backoff for up to the same bound and then refuses: the transaction rolls back and the broker keeps the message.
 */
public final class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class.getName());
    static final int SWEEP_BATCH = 500;
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration LAST_RETRY = Duration.ofSeconds(2);

    private final RequestDecoder decoder;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final Acknowledger acks;
    private final RequestHandler handler;
    private final InstanceLease lease;
    private final InFlight inFlight;
    private final Stats stats;
    private final Clock clock;
    private final Duration maxWait;
    private final Pause pause;
    private final GroupCommit<Inbox.Admit, Inbox.Admission> journal;
    /** Deliveries waiting for their store; closing intake wakes them (they then give up). */
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    /**
     * A store or claim of this instance failed since the last check: its transaction may have committed all the same
     * (its answer was lost), leaving requests under this instance's lease that nothing here handles.
     */
    private volatile boolean unsure;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /**
     * Message ids with a store on its way (queued, being written, or answered and not yet handed on), with how many:
     * the sweep adopts none of them, since that store's answer, however late, hands the request to the handler.
     */
    private final Map<String, Integer> storing = new ConcurrentHashMap<>();

    /**
     * @param inFlight where a request takes its place (at most mayhem.flow.max-outstanding) before it is stored
     * @param writes runs the group commits of the inbox
     * @param maxWait how long a delivery waits for room or for its request to be stored (mayhem.flow.max-wait)
     * @param maxBatch requests per inbox transaction at most
     */
    public Intake(RequestDecoder decoder, Inbox inbox, DeadLetters deadLetters, Acknowledger acks,
                  RequestHandler handler, InstanceLease lease, InFlight inFlight, Stats stats, Clock clock,
                  Executor writes, Duration maxWait, Pause pause, int maxBatch) {
        this.decoder = decoder;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.acks = acks;
        this.handler = handler;
        this.lease = lease;
        this.inFlight = inFlight;
        this.stats = stats;
        this.clock = clock;
        this.maxWait = maxWait;
        this.pause = pause;
        this.journal = new GroupCommit<>(writes, batch -> inbox.acceptAll(batch, clock.instant()), maxBatch);
    }

    /**
     * Takes one delivery. Returns once the request is queued for storing; the transaction's commit then waits
     * until it is stored.
     *
     * @throws IntakeRefused when intake is closed or saturated: the transaction must roll back
     * @throws InterruptedException when interrupted while waiting for room
     */
    public void receive(Delivery delivery, Transaction transaction) throws InterruptedException {
        Decoded decoded = decoder.decode(delivery);
        if (!open) {
            throw new IntakeRefused("Intake is closed; message " + delivery.safeJmsMessageId() + " stays in the broker"
                    + (decoded.messageId() == null ? "" : " " + RestartRequest.tag(decoded.messageId())));
        }
        transaction.onCompletion(stats::received, () -> { });
        if (decoded.isRejected()) {
            deadLetter(decoded.rejection(), decoded.messageId(), delivery, transaction);
            return;
        }
        RestartRequest msg = decoded.request();
        Instant deadline = clock.instant().plus(maxWait);
        CompletableFuture<Inbox.Admission> first = store(msg, delivery, deadline);
        transaction.beforeCommit(() -> awaitStored(msg, delivery, first, deadline));
    }

    /**
     * Takes a request the broker moved to its own dead-letter queue because it expired before this service
     * received it (the sender's time to live): one dead letter "expired before handling" naming the expiry time,
     * counted and logged like any other, so every request still ends as an outcome or a dead letter
     * (docs/design.md section 1; docs/operations.md "Senders' time to live").
     *
     * @param expiredAt when it expired (the message's original JMSExpiration), or null when the broker did not say
     * @throws IntakeRefused when intake is closed: the transaction must roll back, the broker keeps the message
     */
    public void receiveExpired(Delivery delivery, Instant expiredAt, Transaction transaction) {
        Decoded decoded = decoder.decode(delivery);
        if (!open) {
            throw new IntakeRefused("Intake is closed; expired message " + delivery.safeJmsMessageId()
                    + " stays in the broker's dead-letter queue");
        }
        transaction.onCompletion(stats::received, () -> { });
        deadLetter("expired before handling" + (expiredAt == null ? "" : " (expired at " + expiredAt + ")"),
                decoded.messageId(), delivery, transaction);
    }

    /** Sends the dead letter now; counts and logs it once the receiving transaction commits. */
    private void deadLetter(String reason, String messageId, Delivery delivery, Transaction transaction) {
        deadLetters.send(reason, delivery);
        transaction.onCompletion(() -> {
            stats.deadLettered();
            LOG.warning(() -> "Dead-lettered message " + delivery.safeJmsMessageId() + ": " + reason
                    + (messageId == null ? "" : " " + RestartRequest.tag(messageId)));
        }, () -> { });
    }

    /**
     * Queues the request for the next group commit, with a place in flight for it. Once stored, an accepted request
     * is handled (the place is given back when its handling ends) whatever becomes of the delivery's transaction.
     */
    private CompletableFuture<Inbox.Admission> store(RestartRequest msg, Delivery delivery, Instant deadline)
            throws InterruptedException {
        if (!inFlight.reserve(remaining(deadline))) {
            throw new IntakeRefused("Saturated: no room after waiting " + maxWait + "; " + msg.tag()
                    + " stays in the broker");
        }
        String owner = lease.owner();
        if (owner == null) {
            inFlight.release();
            return CompletableFuture.failedFuture(new LeaseLost("this instance holds no lease yet"));
        }
        storing.merge(msg.messageId(), 1, Integer::sum);
        return journal.submit(new Inbox.Admit(msg, owner)).whenComplete((admission, error) -> {
            try {
                if (error != null) {
                    unsure = true;
                    inFlight.release();
                } else if (admission == Inbox.Admission.ACCEPTED) {
                    LOG.info(() -> "Consumed " + msg + " " + msg.tag());
                    handle(msg, owner);
                } else if (admission.isConflicting()) {
                    inFlight.release();
                    deadLetterConflict(msg, delivery, admission.storedInstanceName());
                } else {
                    inFlight.release();
                    if (admission == Inbox.Admission.ALREADY_ACKED) {
                        acks.repeat(msg.messageId());
                    }
                    if (admission == Inbox.Admission.LEASED_HERE) {
                        // stored under this lease by an earlier store whose answer was lost, or in flight here: the
                        // sweep adopts it if nothing here handles it (adoptUnhandled), never this delayed answer
                        unsure = true;
                    }
                    LOG.info(() -> "Not handling duplicate " + msg + " again (" + admission + ") " + msg.tag());
                }
            } finally {
                storing.computeIfPresent(msg.messageId(), (id, n) -> n == 1 ? null : n - 1);
            }
        });
    }

    /**
     * A duplicate is a duplicate only if it asks for the same thing: an id reused for another host is a dead
     * letter naming both, not a silent no-op (if sending it fails, the store and the dead letter are retried).
     */
    private void deadLetterConflict(RestartRequest msg, Delivery delivery, String storedInstanceName) {
        String reason = "message_id reused for another host: it is stored for instance_name " + storedInstanceName
                + ", this request names " + msg.instanceName();
        deadLetters.send(reason, delivery);
        stats.deadLettered();
        LOG.warning(() -> "Dead-lettered message " + delivery.safeJmsMessageId() + ": " + reason + " " + msg.tag());
    }

    /** Waits until the request is stored, storing it again with backoff while that fails, up to the deadline. */
    private void awaitStored(RestartRequest msg, Delivery delivery, CompletableFuture<Inbox.Admission> first,
                             Instant deadline) {
        CompletableFuture<Inbox.Admission> attempt = first;
        Duration next = FIRST_RETRY;
        boolean warned = false;
        try {
            while (true) {
                try {
                    awaitOpen(attempt, deadline);
                    return;
                } catch (ExecutionException e) {
                    Duration left = remaining(deadline);
                    if (!open) {
                        throw new IntakeRefused("Intake closed while storing " + msg + "; it stays in the broker "
                                + msg.tag());
                    }
                    if (left.isNegative() || left.isZero()) {
                        LOG.warning(() -> "Refused " + msg + " after " + maxWait.toMillis() + " ms: could not store it ("
                                + RootCause.of(e) + "); rolled back, it stays in the broker " + msg.tag());
                        throw new IntakeRefused("Could not store " + msg + " within " + maxWait.toMillis() + " ms ("
                                + RootCause.of(e) + "); it stays in the broker " + msg.tag(), e);
                    }
                    if (!warned) {
                        warned = true;
                        LOG.warning(() -> "Could not store " + msg + " (" + RootCause.of(e) + "); retrying for up to "
                                + maxWait.toMillis() + " ms " + msg.tag());
                    }
                    pause.pause(Collections.min(List.of(next, left)));
                    next = Collections.min(List.of(next.multipliedBy(2), LAST_RETRY));
                    attempt = store(msg, delivery, deadline);
                } catch (TimeoutException e) {
                    throw new IntakeRefused("Not stored within " + maxWait.toMillis() + " ms; " + msg.tag()
                            + " stays in the broker (it is handled if the write still succeeds)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeRefused("Interrupted while storing " + msg + "; it stays in the broker " + msg.tag());
        }
    }

    /**
     * Waits for the attempt until the deadline, but gives up as soon as intake closes: at shutdown the writes
     * still queued are dropped, and a delivery must not hold its session (and the server's stop) for max-wait.
     */
    private void awaitOpen(CompletableFuture<Inbox.Admission> attempt, Instant deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> wake = new CompletableFuture<>();
        waiting.add(wake);
        try {
            attempt.whenComplete((admission, error) -> wake.complete(null));
            if (!open) {
                wake.complete(null);
            }
            wake.get(Math.max(0, remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
        } finally {
            waiting.remove(wake);
        }
        if (!attempt.isDone()) {
            throw new IntakeRefused("Intake closed while storing; it stays in the broker");
        }
        attempt.get(0, TimeUnit.MILLISECONDS); // done: answers at once, or throws its failure
    }

    private Duration remaining(Instant deadline) {
        return Duration.between(clock.instant(), deadline);
    }


    private void handle(RestartRequest msg, String owner) {
        handler.handle(msg, owner).whenComplete((ignored, error) -> inFlight.release());
    }

    /**
     * Takes over abandoned requests (released at shutdown, or of an owner whose heartbeat is older than
     * extend-by), as many as there is room for, and handles them again; after a store or claim of this instance
     * failed, first adopts the requests stored under its lease that nothing here handles (a write that committed
     * although its answer was lost). Returns how many it took. Runs periodically on every instance, one sweep at a
     * time (a sweep called while another runs returns 0); does nothing while this instance holds no lease.
     */
    public int sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return 0; // one sweep at a time: a claim whose answer is late must not look unhandled to the next one
        }
        try {
            return sweepAlone();
        } finally {
            sweeping.set(false);
        }
    }

    private int sweepAlone() {
        String owner = lease.owner();
        int room = Math.min(inFlight.room(), SWEEP_BATCH);
        if (!open || room == 0 || owner == null) {
            return 0;
        }
        int adopted = unsure ? adoptUnhandled(owner, room) : 0;
        List<RestartRequest> claimed;
        try {
            claimed = inbox.claimAbandoned(owner, lease.staleBefore(clock.instant()), room - adopted);
        } catch (RuntimeException e) {
            unsure = true;
            throw e;
        }
        for (RestartRequest msg : claimed) {
            inFlight.reserveUninterruptibly();
            LOG.info(() -> "Reclaimed abandoned " + msg + " " + msg.tag());
            handle(msg, owner);
        }
        return adopted + claimed.size();
    }

    /**
     * After a store or claim failed, handles the requests stored under this instance's lease that nothing here
     * handles: that write committed although it reported a failure, and its delivery may be gone from the broker.
     */
    private int adoptUnhandled(String owner, int room) {
        unsure = false;
        List<RestartRequest> unhandled;
        try {
            unhandled = inbox.unhandled(owner, id -> inFlight.handles(id, owner) || storing.containsKey(id), room);
        } catch (RuntimeException e) {
            unsure = true;
            throw e;
        }
        if (unhandled.size() == room) {
            unsure = true; // maybe more than there was room for: look again next time
        }
        for (RestartRequest msg : unhandled) {
            inFlight.reserveUninterruptibly();
            LOG.info(() -> "Consumed " + msg + " (stored under this instance's lease by a write whose answer was "
                    + "lost) " + msg.tag());
            handle(msg, owner);
        }
        return unhandled.size();
    }

    /** Stops taking messages: from now on they stay in the broker. */
    public void close() {
        open = false;
        waiting.forEach(wake -> wake.complete(null));
    }

    public boolean isOpen() {
        return open;
    }
}
