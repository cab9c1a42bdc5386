/** Unit tests (Surefire) of the request type, the host-label rule and the escaping of input. */
package io.mayhem.request;
