/**
 * Handling one request once it is stored: save ({@code Saves}, the restart event) and restart concurrently under
 * the instance's lease, then one ack through the {@code Acknowledger} port (docs/design.md sections 2 and 3); the
 * handling time is recorded by {@code HandlingWatch}. Core: plain Java, built with {@code new} in tests.
 */
package io.mayhem.handling;
