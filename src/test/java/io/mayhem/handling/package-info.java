/** Unit tests of {@code io.mayhem.handling}: the core built with {@code new} and the test kit. */
package io.mayhem.handling;
