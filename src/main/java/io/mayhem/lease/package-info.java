/**
 * The lease rules: one heartbeat per instance renews every lease it holds, epochs, and fencing when a renewal
 * fails or comes late (docs/design.md section 3, docs/decisions/0012-one-lease-heartbeat-per-instance.md). Core.
 */
package io.mayhem.lease;
