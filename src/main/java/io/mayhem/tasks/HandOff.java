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

    public HandOff(BiConsumer<String, Throwable> uncaught) {
        this.uncaught = uncaught;
    }

    @Override
    public void execute(Runnable callback) {
        queue.add(callback);
    }

    public void start(ThreadFactory threads) {
        dispatcher = threads.newThread(this::dispatch);
        dispatcher.setName("mayhem-handoff");
        dispatcher.start();
    }

    public void stop() {
        Thread running = dispatcher;
        if (running != null) {
            running.interrupt();
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
