/**
 * The test kit: stand-ins for the core's executor, scheduler, clock, randomness, ids, logs and flight
 * recorder, so concurrent code is tested without threads or sleeps (docs/testing.md "The test kit"). Copy it.
 */
package io.mayhem.testkit;
