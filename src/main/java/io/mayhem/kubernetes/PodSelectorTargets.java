package io.mayhem.kubernetes;

import io.mayhem.publishing.Targets;
import io.mayhem.request.InputText;
import io.mayhem.tasks.RootCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The publisher's {@code selector:} targets: one of the running pods that match a label selector, drawn at random
 * from a list kept in memory. {@link #next()} never waits for the API server: when the list is older than the
 * refresh interval it starts a new listing in the background and answers from the old one (none before the first
 * listing). A failed listing empties the list, so nothing is published rather than names that may not exist; it is
 * logged once at WARN, and once at INFO when listing works again.
 */
public final class PodSelectorTargets implements Targets {

    private static final Logger LOG = Logger.getLogger(PodSelectorTargets.class.getName());

    private final Kubernetes kubernetes;
    private final String selector;
    private final RandomGenerator random;
    private final Clock clock;
    private final Duration refreshEvery;
    private final AtomicBoolean listing = new AtomicBoolean();
    private volatile List<String> pods = List.of();
    private volatile Instant listedAt;
    private volatile boolean failing;

    /**
     * @param selector the label selector ({@code mayhem.publisher.targets=selector:...})
     * @param refreshEvery how old the list may get before it is listed again
     */
    public PodSelectorTargets(Kubernetes kubernetes, String selector, RandomGenerator random, Clock clock,
                              Duration refreshEvery) {
        this.kubernetes = kubernetes;
        this.selector = selector;
        this.random = random;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    @Override
    public Optional<String> next() {
        refreshIfDue();
        List<String> current = pods;
        return current.isEmpty() ? Optional.empty() : Optional.of(current.get(random.nextInt(current.size())));
    }

    /** The pods names are drawn from now (empty before the first listing and after a failed one). */
    public List<String> pods() {
        return pods;
    }

    /** True while a listing runs. */
    boolean listing() {
        return listing.get();
    }

    private void refreshIfDue() {
        Instant last = listedAt;
        if ((last == null || !clock.instant().isBefore(last.plus(refreshEvery))) && listing.compareAndSet(false, true)) {
            kubernetes.running(selector).whenComplete((listed, error) -> {
                if (error == null) {
                    pods = listed;
                    if (failing) {
                        failing = false;
                        LOG.info(() -> "Listing pods by " + selector + " works again: " + listed.size() + " running");
                    }
                } else {
                    pods = List.of();
                    if (!failing) {
                        failing = true;
                        LOG.warning(() -> "Could not list the pods by " + selector + " in namespace "
                                + kubernetes.namespace() + ", publishing nothing until it works: "
                                + InputText.escape(unwrap(error) + "; caused by " + RootCause.of(error)));
                    }
                }
                listedAt = clock.instant();
                listing.set(false);
            });
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
