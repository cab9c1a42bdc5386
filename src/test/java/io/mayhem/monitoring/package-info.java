/** Unit tests of {@code io.mayhem.monitoring}: the core built with {@code new} and the test kit. */
package io.mayhem.monitoring;
