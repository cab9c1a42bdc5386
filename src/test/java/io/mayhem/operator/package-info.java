/** Unit tests of {@code io.mayhem.operator}: the core built with {@code new} and the test kit. */
package io.mayhem.operator;
