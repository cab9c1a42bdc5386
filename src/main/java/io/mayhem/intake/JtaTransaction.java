package io.mayhem.intake;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** The current JTA transaction, as intake sees it. */
final class JtaTransaction implements Transaction {

    private final TransactionSynchronizationRegistry registry;

    JtaTransaction(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeCommit(Runnable check) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                try {
                    check.run();
                } catch (RuntimeException e) {
                    registry.setRollbackOnly();
                    throw e;
                }
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
    }

    @Override
    public void onCompletion(Runnable committed, Runnable rolledBack) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                (status == Status.STATUS_COMMITTED ? committed : rolledBack).run();
            }
        });
    }
}
