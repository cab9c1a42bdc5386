/**
 * The deterministic simulation of the delivery protocol: several instances of the real core classes against an
 * in-memory store and broker on one virtual clock, with seeded interleavings and faults (docs/testing.md).
 */
package io.mayhem.simulation;
