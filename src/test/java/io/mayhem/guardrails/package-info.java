/**
 * Unit tests of {@code io.mayhem.guardrails}: each rule built with {@code new} or its {@code parse}, checked at
 * instants of the test kit's virtual clock; the properties draw their cases from a seeded {@code Random} that a
 * failure prints.
 */
package io.mayhem.guardrails;
