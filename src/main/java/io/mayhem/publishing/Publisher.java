package io.mayhem.publishing;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.logging.Logger;

/**
 * Makes restart requests for the names its {@link Targets} give (by default the original's {@code cattle-} + 4 of
 * [a-z0-9]) and hands each send to the executor: mayhem.publisher.rate of them each tick of the timer, none when
 * mayhem.publisher.enabled is false, fewer when the targets have none to give.
 */
public final class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class.getName());

    private final RequestSender sender;
    private final Executor tasks;
    private final Supplier<String> ids;
    private final Targets targets;
    private final Stats stats;
    private final String domain;
    private final int perTick;
    private volatile boolean stopped;

    /** Publishes for random {@code cattle-xxxx} names (the original's {@link RandomCattle}). */
    public Publisher(RequestSender sender, Executor tasks, Supplier<String> ids, RandomGenerator random,
                     Stats stats, String domain, int perTick) {
        this(sender, tasks, ids, new RandomCattle(random), stats, domain, perTick);
    }

    /**
     * @param targets the instance names to publish for (mayhem.publisher.targets)
     * @param perTick requests per {@link #tick()}: mayhem.publisher.rate, or 0 when the publisher is not enabled
     */
    public Publisher(RequestSender sender, Executor tasks, Supplier<String> ids, Targets targets,
                     Stats stats, String domain, int perTick) {
        this.sender = sender;
        this.tasks = tasks;
        this.ids = ids;
        this.targets = targets;
        this.stats = stats;
        this.domain = domain;
        this.perTick = perTick;
    }

    /** One tick of the timer (every second): hands off the requests of one tick. */
    public List<RestartRequest> tick() {
        return publish(perTick);
    }

    /**
     * Hands off up to {@code count} new requests, in order; returns them. Nothing is sent before the executor runs;
     * fewer when the targets run out.
     */
    public List<RestartRequest> publish(int count) {
        List<RestartRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count && !stopped; i++) {
            Optional<String> target = targets.next();
            if (target.isEmpty()) {
                break;
            }
            RestartRequest msg = new RestartRequest(ids.get(), target.get(), domain);
            requests.add(msg);
            tasks.execute(() -> {
                sender.send(msg);
                stats.published();
                LOG.fine(() -> "Published message " + msg + " " + msg.tag());
            });
        }
        return requests;
    }

    public void stop() {
        stopped = true;
    }
}
