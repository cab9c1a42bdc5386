/**
 * JMS resources by their logical names and the transactional topic sender, for the packages above that send.
 * EE glue; imports nothing of the application.
 */
package io.mayhem.messaging;
