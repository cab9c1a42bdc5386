/**
 * {@code GET /metrics}, the Prometheus edge: the numbers of {@code monitoring.Stats} as Prometheus metric families
 * ({@code PrometheusStats}, every {@code monitoring.StatsKey} by one rule), the {@code instance} label's value
 * ({@code InstanceLabel}) and the servlet that writes them with the Prometheus client library's exposition formats
 * ({@code MetricsServlet}); docs/operations.md "Prometheus". The only package that uses {@code io.prometheus}.
 */
package io.mayhem.metrics;
