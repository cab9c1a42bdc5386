/**
 * The settings of the service and their rules (docs/operations.md "Configuration"): {@code Settings} and
 * {@code Durations} validate plain values, {@code RestarterSettings} (with {@code CommandLine}, {@code HttpHeader},
 * {@code PublisherTargets}) the restarter's and the publisher's targets. Core; the one MicroProfile Config reader, {@code MayhemConfig}, sits
 * beside the wiring in {@code lifecycle}.
 */
package io.mayhem.configuration;
