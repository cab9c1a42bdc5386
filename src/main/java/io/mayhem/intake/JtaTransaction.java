package io.mayhem.intake;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Executor;

/** The current JTA transaction, as intake sees it; its callbacks run on the hand-off thread, not inside the completion. */
final class JtaTransaction implements Transaction {

    private final TransactionSynchronizationRegistry registry;
    private final Executor handOff;

    JtaTransaction(TransactionSynchronizationRegistry registry, Executor handOff) {
        this.registry = registry;
        this.handOff = handOff;
    }

    @Override
    public void onCompletion(Runnable committed, Runnable rolledBack) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                handOff.execute(status == Status.STATUS_COMMITTED ? committed : rolledBack);
            }
        });
    }
}
