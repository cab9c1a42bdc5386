/**
 * Restarting a request's host: attempts with backoff, each allowed only while the lease holds, and the
 * simulated restarter of the original service. Core.
 */
package io.mayhem.restart;
