package io.mayhem.publishing;

import java.util.Optional;

/**
 * Where the scheduled publisher's instance names come from ({@code mayhem.publisher.targets}): random
 * {@code cattle-xxxx} names, a fixed list, or the pods of a label selector (docs/restarting-real-hosts.md).
 */
public interface Targets {

    /**
     * The instance name for the next request; returns at once, never waiting on anything remote.
     *
     * @return a host label, or empty when there is no target now (then nothing is published)
     */
    Optional<String> next();
}
