package io.mayhem.tasks;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;

/**
 * Runs callbacks on one dispatcher thread of its own. Transaction-completion callbacks come here, so that
 * nothing calls back into the container from inside {@code afterCompletion} and the MDB thread is free
 * for the next message at once.
 */
public final class HandOff implements Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final BiConsumer<String, Throwable> uncaught;
    private volatile Thread dispatcher;
    private ThreadFactory threads;
    private boolean stopped;

    public HandOff(BiConsumer<String, Throwable> uncaught) {
        this.uncaught = uncaught;
    }

    @Override
    public void execute(Runnable callback) {
        queue.add(callback);
        if (dispatcher == null) {
            startDispatcher();
        }
    }

    /**
     * Takes the thread factory; the dispatcher thread starts with the first callback (at once if some wait):
     * Payara Server 6.2025.9 kills a managed thread started while the application is still starting
     * (NullPointerException in its ContextSetupProviderImpl), and then nothing would ever be handed off.
     */
    public synchronized void start(ThreadFactory threads) {
        this.threads = threads;
        if (!queue.isEmpty()) {
            startDispatcher();
        }
    }

    public synchronized void stop() {
        stopped = true;
        Thread running = dispatcher;
        if (running != null) {
            running.interrupt();
        }
    }

    private synchronized void startDispatcher() {
        if (dispatcher == null && threads != null && !stopped) {
            Thread thread = threads.newThread(this::dispatch);
            thread.setName("mayhem-handoff");
            dispatcher = thread;
            thread.start();
        }
    }

    private void dispatch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                uncaught.accept(null, e);
            }
        }
    }
}
