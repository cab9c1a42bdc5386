package io.mayhem.intake;

import io.mayhem.handling.Acknowledger;
import io.mayhem.handling.PubSubMessage;
import io.mayhem.handling.RequestHandler;
import io.mayhem.monitoring.Stats;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Takes one delivery inside the transaction that received it: poison goes to the dead letters; a valid
 * request is stored with a lease and handed to the handler once the transaction has committed. At most
 * max-outstanding requests are in flight; past that, intake waits (bounded) and then refuses. While the
 * request cannot be stored (the database is down), intake retries, holding the delivery, for up to the same
 * bound and then refuses: the transaction rolls back and the broker keeps the message.
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
    private final Stats stats;
    private final Semaphore permits;
    private final Duration maxWait;
    private final Pause pause;
    private final Set<String> handling = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    public Intake(RequestDecoder decoder, Inbox inbox, DeadLetters deadLetters, Acknowledger acks,
                  RequestHandler handler, Stats stats, int maxOutstanding, Duration maxWait, Pause pause) {
        this.decoder = decoder;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.acks = acks;
        this.handler = handler;
        this.stats = stats;
        this.permits = new Semaphore(maxOutstanding);
        this.maxWait = maxWait;
        this.pause = pause;
    }

    public void receive(Delivery delivery, Transaction transaction) throws InterruptedException {
        Decoded decoded = decoder.decode(delivery);
        if (!open) {
            throw new IntakeRefused("Intake is closed; message " + delivery.jmsMessageId() + " stays in the broker"
                    + (decoded.messageId() == null ? "" : " " + PubSubMessage.tag(decoded.messageId())));
        }
        transaction.onCompletion(stats::received, () -> { });
        if (decoded.isRejected()) {
            deadLetters.send(decoded.rejection(), delivery);
            transaction.onCompletion(() -> {
                stats.deadLettered();
                LOG.warning(() -> "Dead-lettered message " + delivery.jmsMessageId() + ": " + decoded.rejection()
                        + (decoded.messageId() == null ? "" : " " + PubSubMessage.tag(decoded.messageId())));
            }, () -> { });
            return;
        }
        admit(decoded.request(), transaction);
    }

    private void admit(PubSubMessage msg, Transaction transaction) throws InterruptedException {
        if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IntakeRefused("Saturated: " + permits.availablePermits() + " permits left after waiting "
                    + maxWait + "; " + msg.tag() + " stays in the broker");
        }
        Inbox.Admission admission;
        try {
            admission = acceptRetrying(msg);
        } catch (RuntimeException | InterruptedException e) {
            permits.release();
            throw e;
        }
        if (admission != Inbox.Admission.ACCEPTED) {
            permits.release();
            if (admission == Inbox.Admission.ALREADY_ACKED) {
                acks.repeat(msg.messageId());
            }
            LOG.info(() -> "Not handling duplicate " + msg + " again (" + admission + ") " + msg.tag());
            return;
        }
        transaction.onCompletion(() -> {
            LOG.info(() -> "Consumed " + msg + " " + msg.tag());
            handle(msg);
        }, permits::release);
    }

    /** Stores the request, retrying with backoff while the store fails, for up to max-wait in all. */
    private Inbox.Admission acceptRetrying(PubSubMessage msg) throws InterruptedException {
        Duration waited = Duration.ZERO;
        Duration next = FIRST_RETRY;
        while (true) {
            try {
                return inbox.accept(msg);
            } catch (RuntimeException e) {
                if (waited.compareTo(maxWait) >= 0) {
                    Duration gaveUpAfter = waited;
                    LOG.warning(() -> "Refused " + msg + " after " + gaveUpAfter.toMillis() + " ms: could not store it ("
                            + rootMessage(e) + "); rolled back, it stays in the broker " + msg.tag());
                    throw new IntakeRefused("Could not store " + msg + " for " + waited.toMillis() + " ms ("
                            + rootMessage(e) + "); it stays in the broker " + msg.tag(), e);
                }
                if (waited.isZero()) {
                    LOG.warning(() -> "Could not store " + msg + " (" + rootMessage(e) + "); retrying for up to "
                            + maxWait.toMillis() + " ms " + msg.tag());
                }
                Duration wait = next.compareTo(maxWait.minus(waited)) < 0 ? next : maxWait.minus(waited);
                pause.pause(wait);
                waited = waited.plus(wait);
                next = next.multipliedBy(2).compareTo(LAST_RETRY) < 0 ? next.multipliedBy(2) : LAST_RETRY;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void handle(PubSubMessage msg) {
        handling.add(msg.messageId());
        handler.handle(msg).whenComplete((ignored, error) -> {
            handling.remove(msg.messageId());
            permits.release();
        });
    }

    /**
     * Takes over abandoned requests (their lease expired or was released), as many as there is room for,
     * and handles them again. Returns how many. Runs periodically on any instance.
     */
    public int sweep() {
        int room = Math.min(permits.availablePermits(), SWEEP_BATCH);
        if (!open || room == 0) {
            return 0;
        }
        List<PubSubMessage> claimed = inbox.claimAbandoned(room);
        int handled = 0;
        for (PubSubMessage msg : claimed) {
            if (handling.contains(msg.messageId())) {
                // its lease lapsed while this instance was still working on it (a stalled extension); the
                // claim renewed the lease and the handling under way goes on: handling it twice would run twice
                LOG.info(() -> "Renewed the lapsed lease of " + msg + ", still in progress " + msg.tag());
                continue;
            }
            permits.acquireUninterruptibly();
            LOG.info(() -> "Reclaimed abandoned " + msg + " " + msg.tag());
            handle(msg);
            handled++;
        }
        return handled;
    }

    /** Stops taking messages: from now on they stay in the broker. */
    public void close() {
        open = false;
    }

    public boolean isOpen() {
        return open;
    }

    /** True while requests in flight leave no room for another. */
    public boolean saturated() {
        return permits.availablePermits() == 0;
    }
}
