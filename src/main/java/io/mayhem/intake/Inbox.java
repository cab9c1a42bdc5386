package io.mayhem.intake;

import io.mayhem.handling.PubSubMessage;
import java.time.Instant;
import java.util.List;

/**
 * Where received requests are stored with the lease owner that handles them; blocking, one transaction per
 * call. Requests are stored before their JMS deliveries commit.
 */
public interface Inbox {

    enum Admission {
        /** New, or released or abandoned before: stored under the given owner, which handles it. */
        ACCEPTED,
        /** Already acked: not executed again. */
        ALREADY_ACKED,
        /** In flight under a live owner (another instance, or this one): left to it. */
        LEASED_ELSEWHERE
    }

    /** One request to store, under the lease owner that will handle it. */
    record Admit(PubSubMessage request, String owner) {
    }

    /** Stores every request of the batch in one transaction (group commit); returns each one's admission, in order. */
    List<Admission> acceptAll(List<Admit> batch, Instant now);

    /**
     * Takes over for {@code owner}, in one transaction, up to {@code limit} unacked requests that were released
     * (their instance shut down) or whose owner's heartbeat is older than {@code staleBefore} (their instance
     * died or lost its lease; such owners are expired first, so they can no longer renew), oldest first.
     */
    List<PubSubMessage> claimAbandoned(String owner, Instant staleBefore, int limit);
}
