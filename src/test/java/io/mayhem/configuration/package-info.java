/** Unit tests of {@code io.mayhem.configuration}: the core built with {@code new} and the test kit. */
package io.mayhem.configuration;
