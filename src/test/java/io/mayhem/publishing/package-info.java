/** Unit tests of {@code io.mayhem.publishing}: the core built with {@code new} and the test kit. */
package io.mayhem.publishing;
