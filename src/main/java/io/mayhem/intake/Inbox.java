package io.mayhem.intake;

import io.mayhem.handling.PubSubMessage;
import java.util.List;

/** Stores a received request with a lease held by this instance, committed before the JMS receive commits. */
public interface Inbox {

    enum Admission {
        /** New (or reclaimed after its lease expired): this instance handles it. */
        ACCEPTED,
        /** Already acked: not executed again. */
        ALREADY_ACKED,
        /** In flight on a live lease of another instance: left to its owner. */
        LEASED_ELSEWHERE
    }

    Admission accept(PubSubMessage request);

    /**
     * Takes over, with a lease of this instance, up to {@code limit} unacked requests whose lease expired
     * (their instance died) or was released (their instance shut down), oldest first.
     */
    List<PubSubMessage> claimAbandoned(int limit);
}
