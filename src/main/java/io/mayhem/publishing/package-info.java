/**
 * The scheduled publisher of the original service: makes requests for the names its {@code Targets} give (the
 * original's random {@code cattle-xxxx}, {@code RandomCattle}; a fixed list, {@code FixedTargets}; a label
 * selector's pods, in {@code io.mayhem.kubernetes}) (core, {@code Publisher}) and sends them from an EJB timer that
 * only triggers (EE glue, {@code PublisherTimer}, {@code JmsRequestSender}).
 */
package io.mayhem.publishing;
