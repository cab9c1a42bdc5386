/**
 * The HTTP edge, at the top: the MicroProfile health checks, {@code GET /api/stats}, {@code POST /api/restarts}
 * with its body reader and its Jakarta Security mechanism, and the JAX-RS application (docs/operations.md "What
 * operators see", "Manual restarts"). EE glue: each class injects what the wiring produces and delegates.
 */
package io.mayhem.web;
