package io.mayhem.lifecycle;

import io.mayhem.tasks.ExecutorScheduler;
import io.mayhem.tasks.Scheduler;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import java.util.concurrent.ThreadFactory;

/**
 * The application's own managed executors (docs/design.md section 2), defined here and used nowhere else: the
 * one class that names Jakarta Concurrency. The rest of the service sees a {@link Scheduler} and a
 * {@link ThreadFactory}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ContextServiceDefinition(name = ManagedExecutors.CONTEXT, propagated = ContextServiceDefinition.APPLICATION,
        cleared = ContextServiceDefinition.ALL_REMAINING)
@ManagedScheduledExecutorDefinition(name = ManagedExecutors.SCHEDULER, context = ManagedExecutors.CONTEXT, maxAsync = 8)
@ManagedThreadFactoryDefinition(name = ManagedExecutors.THREADS, context = ManagedExecutors.CONTEXT)
public class ManagedExecutors {

    /**
     * Tasks get the application's context (class loader, naming), which is all they need, and nothing else
     * of the submitting thread: no transaction, no security context.
     */
    static final String CONTEXT = "java:app/concurrent/MayhemContext";
    static final String SCHEDULER = "java:app/concurrent/MayhemScheduler";
    static final String THREADS = "java:app/concurrent/MayhemThreads";

    @Resource(lookup = SCHEDULER)
    ManagedScheduledExecutorService scheduler;
    @Resource(lookup = THREADS)
    ManagedThreadFactory threads;

    /** The managed scheduled executor: periodic work only (heartbeat, sweep, outbox resend, purge, checks). */
    public Scheduler scheduler() {
        return new ExecutorScheduler(scheduler);
    }

    /** Threads with the application's context, for the work pools ({@code tasks.WorkPools}). */
    public ThreadFactory threads() {
        return threads;
    }
}
