package io.mayhem.tasks;

import java.util.logging.Logger;

/**
 * A periodic task that fails for a while (the database is down) logs one WARN line when it starts failing and
 * one INFO line when it works again, instead of a stack trace every period: the operator needs to know once.
 */
public final class Periodic implements Runnable {

    private static final Logger LOG = Logger.getLogger(Periodic.class.getName());

    private final String name;
    private final Runnable task;
    private boolean failing;

    /** @param name what the task does, for the log lines ("sweep", "outbox resend") */
    public Periodic(String name, Runnable task) {
        this.name = name;
        this.task = task;
    }

    @Override
    public synchronized void run() {
        try {
            task.run();
            if (failing) {
                failing = false;
                LOG.info(() -> "Periodic " + name + " works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning(() -> "Periodic " + name + " failed (" + RootCause.of(e) + "); it runs again each period");
            }
        }
    }

    /** True while the last run failed. */
    public synchronized boolean failing() {
        return failing;
    }

}
