/**
 * Unit tests of {@code io.mayhem.metrics}: the exported families read back through a strict reader of the text
 * format ({@code ExpositionText}), and the Grafana dashboard's queries against them.
 */
package io.mayhem.metrics;
