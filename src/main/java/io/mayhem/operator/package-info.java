/**
 * {@code POST /api/restarts} for operators: callers and password hashes, HTTP Basic, the failed-login throttle,
 * the rate limit and the request itself (core); the Jakarta Security mechanism and the JAX-RS resource (EE glue);
 * docs/operations.md "Manual restarts".
 */
package io.mayhem.operator;
