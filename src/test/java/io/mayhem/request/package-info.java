/** Unit tests of {@code io.mayhem.request}: the request type, the host-label rule and the escaping of input. */
package io.mayhem.request;
