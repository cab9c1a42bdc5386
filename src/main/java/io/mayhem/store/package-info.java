/**
 * The database: requests, leases, restart events and the outbox, written in group-committed batches
 * ({@code RequestStore}, a stateless EJB with JPA: EE glue) and the saving step and periodic queries (core).
 */
package io.mayhem.store;
