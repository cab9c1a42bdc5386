package io.mayhem.intake;

/**
 * Sends a poison message, with the reason, to the dead-letter topic, in its own transaction
 * (docs/decisions/0018-dead-letters-in-their-own-transaction.md).
 */
public interface DeadLetters {
    void send(String reason, Delivery delivery);
}
