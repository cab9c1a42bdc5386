package io.mayhem.monitoring;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** {@link Stats} as the MXBean {@code mayhem:type=Stats}; each attribute is read from the live counters. */
public final class JmxStats implements StatsMXBean {

    public static final String NAME = "mayhem:type=Stats";

    private final Stats stats;

    public JmxStats(Stats stats) {
        this.stats = stats;
    }

    public static ObjectName objectName() {
        try {
            return new ObjectName(NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public long getPublished() { return number("published"); }
    @Override public long getReceived() { return number("received"); }
    @Override public long getSaved() { return number("saved"); }
    @Override public long getRestarted() { return number("restarted"); }
    @Override public long getRestartRetries() { return number("restart_retries"); }
    @Override public long getFailed() { return number("failed"); }
    @Override public long getAcked() { return number("acked"); }
    @Override public long getDeadLettered() { return number("dead_lettered"); }
    @Override public long getExtended() { return number("extended"); }
    @Override public long getInFlight() { return stats.inFlight(); }
    @Override public long getHandlingMsP50() { return number("handling_ms_p50"); }
    @Override public long getHandlingMsP95() { return number("handling_ms_p95"); }
    @Override public long getHandlingMsP99() { return number("handling_ms_p99"); }
    @Override public long getUncaughtExceptions() { return stats.uncaughtCount(); }

    private long number(String key) {
        return stats.snapshot().get(key);
    }
}
