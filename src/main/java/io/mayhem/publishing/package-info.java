/**
 * The scheduled publisher of the original service: makes {@code cattle-xxxx} requests (core, {@code Publisher})
 * and sends them from an EJB timer that only triggers (EE glue, {@code PublisherTimer}, {@code JmsRequestSender}).
 */
package io.mayhem.publishing;
