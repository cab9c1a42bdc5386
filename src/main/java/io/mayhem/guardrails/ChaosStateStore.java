package io.mayhem.guardrails;

import java.time.Instant;

/** Where the kill switch is kept so that every instance sees it: the database (store.GuardrailStore). */
public interface ChaosStateStore {

    /** @return the stored state, {@link ChaosState#RUNNING} when none was ever stored; throws when the store is down */
    ChaosState read();

    /**
     * Stores the switch and returns the stored state.
     *
     * @param paused true to hold restarts, false to let them go on
     * @param by who changes it (for the record and the refusal reason)
     * @param at when
     */
    ChaosState write(boolean paused, String by, Instant at);
}
