/** Unit tests of {@code io.mayhem.lifecycle}: the core built with {@code new} and the test kit. */
package io.mayhem.lifecycle;
