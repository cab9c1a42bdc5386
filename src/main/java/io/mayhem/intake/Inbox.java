package io.mayhem.intake;

import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where received requests are stored with the lease owner that handles them; blocking, one transaction per
 * call. Requests are stored before their JMS deliveries commit.
 */
public interface Inbox {

    /** What became of one request of a batch. */
    final class Admission {
        /** New, or released or abandoned before: stored under the given owner, which handles it. */
        public static final Admission ACCEPTED = new Admission("ACCEPTED", null);
        /** Already acked: not executed again. */
        public static final Admission ALREADY_ACKED = new Admission("ALREADY_ACKED", null);
        /** In flight under another live owner (another instance, or an earlier epoch of this one): left to it. */
        public static final Admission LEASED_ELSEWHERE = new Admission("LEASED_ELSEWHERE", null);
        /**
         * Stored under the very owner that stores it again, unacked: an earlier store of it reported a failure
         * although it committed (the commit's answer was lost), or it is a redelivery of a request in flight here.
         * Never handled on this answer, which may come after that handling ended: the owner's next sweep adopts it
         * when nothing there handles it ({@link #unhandled}).
         */
        public static final Admission LEASED_HERE = new Admission("LEASED_HERE", null);

        private final String name;
        private final String storedInstanceName;

        private Admission(String name, String storedInstanceName) {
            this.name = name;
            this.storedInstanceName = storedInstanceName;
        }

        /**
         * The message id is stored for another instance_name: the sender reused an id for a different request,
         * which is neither a duplicate nor executed (it becomes a dead letter naming both).
         */
        public static Admission conflicting(String storedInstanceName) {
            return new Admission("CONFLICTING", storedInstanceName);
        }

        public boolean isConflicting() {
            return storedInstanceName != null;
        }

        /** The instance_name stored under the message id, for a conflicting admission; otherwise null. */
        public String storedInstanceName() {
            return storedInstanceName;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One request to store, under the lease owner that will handle it. */
    record Admit(RestartRequest request, String owner) {
    }

    /** Stores every request of the batch in one transaction (group commit); returns each one's admission, in order. */
    List<Admission> acceptAll(List<Admit> batch, Instant now);

    /**
     * Takes over for {@code owner}, in one transaction, up to {@code limit} unacked requests that were released
     * (their instance shut down) or whose owner's heartbeat is older than {@code staleBefore} (their instance
     * died or lost its lease; such owners are expired first, so they can no longer renew), oldest first.
     */
    List<RestartRequest> claimAbandoned(String owner, Instant staleBefore, int limit);

    /**
     * The unacked requests stored under {@code owner} that {@code handledHere} says are not being handled, at most
     * {@code limit}; one transaction. The owner's instance asks after a store whose answer was lost may have left
     * one under its lease. {@code handledHere} is tested while those rows are locked, so a handling that acks one
     * meanwhile is seen either as acked or as still handled, never as neither.
     */
    List<RestartRequest> unhandled(String owner, Predicate<String> handledHere, int limit);
}
