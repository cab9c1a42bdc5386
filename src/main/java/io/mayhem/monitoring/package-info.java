/**
 * What operators see: counters, latency percentiles, the MXBean and JFR events (core), the health checks and
 * {@code GET /api/stats} (EE glue); docs/operations.md "What operators see".
 */
package io.mayhem.monitoring;
