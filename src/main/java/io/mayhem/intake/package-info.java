/**
 * Taking deliveries off the topic: decode and validate, dead-letter poison, store requests by group commit,
 * flow control and the sweep of abandoned requests (docs/design.md sections 1 and 2). Core ({@code Intake}),
 * the JSON-P decoder ({@code RequestDecoder}) and EE glue ({@code RestartListener}, an MDB that injects what the
 * wiring produces; {@code JmsDeadLetters}; {@code JtaTransaction}).
 */
package io.mayhem.intake;
