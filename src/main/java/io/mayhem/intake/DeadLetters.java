package io.mayhem.intake;

/** Sends a poison message, with the reason, to the dead-letter topic; inside the receiving transaction. */
public interface DeadLetters {
    void send(String reason, Delivery delivery);
}
