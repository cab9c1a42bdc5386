/** Unit tests of {@code io.mayhem.restart}: the core built with {@code new} and the test kit. */
package io.mayhem.restart;
