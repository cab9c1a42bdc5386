/**
 * The lease rules, in one place: one heartbeat per instance renews every lease it holds, epochs, fencing when a
 * renewal fails or comes late, and the shutdown's release ({@code InstanceLease}); the one record of what is in
 * flight and the rules for each request in it: start, extension, the max-total cap, lapse, may-work, cancel
 * ({@code InFlight}); and the port the store implements ({@code LeaseStore}). docs/design.md section 3,
 * docs/decisions/0012-one-lease-heartbeat-per-instance.md. Core.
 */
package io.mayhem.lease;
