/**
 * The settings of the service and their rules (docs/operations.md "Configuration"): {@code Settings} and
 * {@code Durations} validate plain values. Core; the one MicroProfile Config reader, {@code MayhemConfig}, sits
 * beside the wiring in {@code lifecycle}.
 */
package io.mayhem.configuration;
