/**
 * Restarting a request's host: attempts with backoff and a timeout, each allowed only while the lease holds
 * ({@code Restarts}), and the restarters behind {@code HostRestarter}: the simulated one of the original service,
 * {@code CommandHostRestarter} (a program, no shell) and {@code HttpHostRestarter} (a POST); the Kubernetes one is
 * in {@code io.mayhem.kubernetes} (docs/restarting-real-hosts.md). Core.
 */
package io.mayhem.restart;
