/** Unit tests of {@code io.mayhem.lease}: the core built with {@code new} and the test kit. */
package io.mayhem.lease;
