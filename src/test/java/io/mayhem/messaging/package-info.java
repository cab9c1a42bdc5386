/** Unit tests of {@code io.mayhem.messaging}: the core built with {@code new} and the test kit. */
package io.mayhem.messaging;
