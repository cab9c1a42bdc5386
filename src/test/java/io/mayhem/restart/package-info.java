/**
 * Unit tests of {@code io.mayhem.restart}: the core built with {@code new} and the test kit; the command and http
 * restarters on real local processes ({@code FakeHost}, {@code restart/restart-host.sh}) and a local HTTP server.
 */
package io.mayhem.restart;
