/**
 * Settings of the service and their rules (docs/operations.md "Configuration"). Core: {@code Settings} and
 * {@code Durations} validate plain values; EE glue: {@code MayhemConfig}, the one MicroProfile Config reader.
 */
package io.mayhem.configuration;
