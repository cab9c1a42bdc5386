/**
 * {@code POST /api/restarts} for operators, without HTTP: callers and password hashes, HTTP Basic credentials,
 * the failed-login throttle, the rate limit and the request itself (docs/operations.md "Manual restarts"). Core;
 * the Jakarta Security mechanism, the JAX-RS resource and the body reader are in {@code web}.
 */
package io.mayhem.operator;
