/** Unit tests of {@code io.mayhem.tasks}: the core built with {@code new} and the test kit. */
package io.mayhem.tasks;
