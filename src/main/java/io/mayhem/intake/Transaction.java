package io.mayhem.intake;

/** The transaction that receives the JMS message, as intake sees it. */
public interface Transaction {

    /**
     * Runs {@code check} just before the transaction commits, on the receiving thread; when it throws, the
     * transaction rolls back (the broker keeps the message). With batch delivery several messages share one
     * transaction, and their checks all run before its one commit.
     */
    void beforeCommit(Runnable check);

    /** Runs one of these once the transaction has ended; they only count and log (no container calls). */
    void onCompletion(Runnable committed, Runnable rolledBack);
}
