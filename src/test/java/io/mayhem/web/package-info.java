/** Unit tests of {@code io.mayhem.web}: the health checks' decisions and the security mechanism, with mocks. */
package io.mayhem.web;
