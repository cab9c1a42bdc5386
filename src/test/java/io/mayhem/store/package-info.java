/** Unit tests of {@code io.mayhem.store}: the core built with {@code new} and the test kit. */
package io.mayhem.store;
