package io.mayhem.guardrails;

/**
 * The kill switch as the JMX MBean {@code mayhem:type=KillSwitch} (admin consoles, JConsole, VisualVM): the
 * same state and operations as {@code /api/chaos}, recorded as changed by {@code jmx}.
 */
public interface KillSwitchControlMXBean {

    /** Whether restarts are held cluster-wide (as this instance last read it). */
    boolean isPaused();

    /** Who last changed the switch; empty when never changed. */
    String getChangedBy();

    /** When it was last changed, ISO-8601; empty when never changed. */
    String getChangedAt();

    /** Holds every restart on every instance (each request ends SKIPPED) until {@link #resume()}. */
    void pause();

    /** Lets restarts go on again. */
    void resume();
}
