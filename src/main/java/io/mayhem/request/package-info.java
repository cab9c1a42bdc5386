/**
 * The request itself, at the bottom of every layer: {@code RestartRequest} (what one request asks for and what has
 * happened to it), its {@code Outcome} and {@code OutcomeEvent}, the host-label rule of {@code instance_name} and
 * the escaping of text taken from input (docs/design.md sections 1 and 9). Core: imports nothing of the application.
 */
package io.mayhem.request;
