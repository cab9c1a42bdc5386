/**
 * The database and the outbox beside it: requests, leases, restart events and outcomes ({@code RequestStore}, a
 * stateless EJB with JPA, and the entities: EE glue), the batched acks with their outbox ({@code BatchedAcks}, the
 * adapter of handling's {@code Acknowledger}), the outcome event's JSON and the periodic queries.
 */
package io.mayhem.store;
