/**
 * JMS resources by their logical names and the transactional topic sender. EE glue.
 */
package io.mayhem.messaging;
