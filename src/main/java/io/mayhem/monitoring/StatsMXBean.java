package io.mayhem.monitoring;

/**
 * The counters and gauges of docs/design.md section 7 as the JMX MBean {@code mayhem:type=Stats}: the numbers of
 * {@code GET /api/stats}, read when asked. Latencies are milliseconds over the last 60 s.
 */
public interface StatsMXBean {

    long getPublished();

    long getReceived();

    long getSaved();

    long getRestarted();

    long getRestartRetries();

    long getFailed();

    long getAcked();

    long getDeadLettered();

    long getExtended();

    long getInFlight();

    long getHandlingMsP50();

    long getHandlingMsP95();

    long getHandlingMsP99();

    /** Exceptions that escaped a task ("Caught exception: ..."). */
    long getUncaughtExceptions();
}
