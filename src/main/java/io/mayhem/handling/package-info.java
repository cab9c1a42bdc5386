/**
 * Handling one request once it is stored: save and restart concurrently under the instance's lease, then one
 * ack through the batched outbox (docs/design.md sections 2 and 3). Core: plain Java, built with {@code new} in tests.
 */
package io.mayhem.handling;
