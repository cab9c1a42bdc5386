/** Unit tests of {@code io.mayhem.intake}: the core built with {@code new} and the test kit. */
package io.mayhem.intake;
