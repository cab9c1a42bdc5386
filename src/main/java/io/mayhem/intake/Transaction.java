package io.mayhem.intake;

/** The transaction that receives the JMS message: what to do once it has committed or rolled back. */
public interface Transaction {
    void onCompletion(Runnable committed, Runnable rolledBack);
}
