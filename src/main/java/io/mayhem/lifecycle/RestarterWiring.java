package io.mayhem.lifecycle;

import io.mayhem.configuration.RestarterSettings;
import io.mayhem.kubernetes.Kubernetes;
import io.mayhem.kubernetes.PodRestarter;
import io.mayhem.kubernetes.PodSelectorTargets;
import io.mayhem.publishing.FixedTargets;
import io.mayhem.publishing.RandomCattle;
import io.mayhem.publishing.Targets;
import io.mayhem.restart.CommandHostRestarter;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.HttpHostRestarter;
import io.mayhem.restart.SimulatedHostRestarter;
import io.mayhem.restart.Simulation;
import io.mayhem.tasks.Scheduler;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Builds the restarter {@code mayhem.restarter} names and the publisher's targets ({@code mayhem.publisher.targets})
 * from the validated settings, connecting to Kubernetes once, only when one of them needs it; {@link #close()}
 * lets go of that connection.
 */
final class RestarterWiring implements AutoCloseable {

    /** How long a command asked to stop (SIGTERM) may take before it is killed. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How old the list of a label selector's pods may get before the publisher lists them again. */
    static final Duration SELECTOR_REFRESH = Duration.ofSeconds(10);

    private final RestarterSettings settings;
    private final Supplier<Kubernetes> connect;
    private Kubernetes kubernetes;

    /** @param threads the managed thread factory: the Kubernetes client's calls run on threads it makes */
    RestarterWiring(RestarterSettings settings, ThreadFactory threads) {
        this(settings, () -> Kubernetes.connect(settings.namespace(), settings.timeout(), threads));
    }

    RestarterWiring(RestarterSettings settings, Supplier<Kubernetes> connect) {
        this.settings = settings;
        this.connect = connect;
    }

    /** The restarter of {@code mayhem.restarter}; the simulated one runs its delays on {@code timer}. */
    HostRestarter restarter(Scheduler timer, Simulation simulation) {
        return switch (settings.kind()) {
            case SIMULATED -> new SimulatedHostRestarter(timer, simulation);
            case COMMAND -> new CommandHostRestarter(settings.command(), KILL_GRACE);
            case HTTP -> new HttpHostRestarter(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.timeout()).build(), settings.url(), settings.header());
            case KUBERNETES -> new PodRestarter(kubernetes(), settings.gracePeriod());
        };
    }

    /** The publisher's targets of {@code mayhem.publisher.targets}. */
    Targets targets(RandomGenerator random, Clock clock) {
        return switch (settings.targets().kind()) {
            case RANDOM -> new RandomCattle(random);
            case LIST -> new FixedTargets(settings.targets().names(), random);
            case SELECTOR -> new PodSelectorTargets(kubernetes(), settings.targets().selector(), random, clock,
                    SELECTOR_REFRESH);
        };
    }

    /** One line for the log at start: which restarter, and whether it only says what it would do. */
    String summary() {
        return "Restarting hosts with the " + settings.kind().key() + " restarter"
                + (settings.dryRun() ? " (dry run: restarts are only described)" : "") + ", publishing for "
                + settings.targets().kind().name().toLowerCase(java.util.Locale.ROOT) + " targets";
    }

    private synchronized Kubernetes kubernetes() {
        if (kubernetes == null) {
            kubernetes = connect.get();
        }
        return kubernetes;
    }

    @Override
    public synchronized void close() {
        if (kubernetes != null) {
            kubernetes.close();
            kubernetes = null;
        }
    }
}
