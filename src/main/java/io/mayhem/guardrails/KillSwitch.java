package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The cluster-wide kill switch (Chaos Monkey's "stop during an outage"; docs/design.md section 10): pause holds
 * every restart on every instance until resume. Stored in the database; each instance reads it at every
 * {@link #refresh()} (every mayhem.lease.extend-every) and at once when it changes the switch itself, so another
 * instance honours a pause within one refresh period. Until its first successful read an instance assumes
 * paused: a restart is never let through on a state it does not know.
 */
public final class KillSwitch implements Guardrail {

    private static final Logger LOG = Logger.getLogger(KillSwitch.class.getName());

    private final ChaosStateStore store;
    private final Clock clock;
    private volatile ChaosState state;

    /** @param clock stamps pause and resume */
    public KillSwitch(ChaosStateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Reads the stored switch; a failed read keeps the last state known (logged by the periodic task that calls this). */
    public void refresh() {
        ChaosState read = store.read();
        ChaosState before = state;
        state = read;
        if (before != null && before.paused() != read.paused()) {
            LOG.info(() -> (read.paused() ? "Restarts paused" : "Restarts resumed") + " cluster-wide by "
                    + read.changedBy() + " at " + read.changedAt() + " (read from the database)");
        }
    }

    /**
     * Pauses restarts cluster-wide; the stored state is in force on this instance at once.
     *
     * @param by who pauses (recorded, and named in the reason of every request skipped)
     * @return the state stored
     */
    public ChaosState pause(String by) {
        return change(true, by);
    }

    /** Resumes restarts cluster-wide; returns the state stored. */
    public ChaosState resume(String by) {
        return change(false, by);
    }

    private ChaosState change(boolean paused, String by) {
        ChaosState stored = store.write(paused, by, clock.instant());
        state = stored;
        LOG.info(() -> (paused ? "Restarts paused" : "Restarts resumed") + " cluster-wide by " + by);
        return stored;
    }

    /** @return the state last read or written here; {@code paused} until the first read */
    public ChaosState state() {
        ChaosState known = state;
        return known != null ? known : new ChaosState(true, null, null);
    }

    /** Whether restarts are held now (as known here). */
    public boolean paused() {
        return state().paused();
    }

    @Override
    public Optional<String> refusal(RestartRequest request, Instant now) {
        ChaosState known = state;
        if (known == null) {
            return Optional.of("kill switch: its state has not been read from the database yet");
        }
        if (!known.paused()) {
            return Optional.empty();
        }
        return Optional.of("kill switch: restarts paused cluster-wide by " + known.changedBy() + " at "
                + known.changedAt() + " (POST /api/chaos/resume to resume)");
    }
}
