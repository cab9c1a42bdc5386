/**
 * What operators see, without the container: counters and latency percentiles ({@code Stats}, whose in-flight
 * gauge reads {@code lease.InFlight}), the one place escaped exceptions end up ({@code FailureReporter}), the
 * MXBean and the JFR events; docs/operations.md "What operators see". Core; the health checks and
 * {@code GET /api/stats} are in {@code web}.
 */
package io.mayhem.monitoring;
