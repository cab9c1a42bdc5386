package io.mayhem.tasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Group commit: items submitted from many threads are written together, in batches of at most
 * {@code maxBatch}, by one flush at a time on the executor. While a batch is being written the next items
 * queue up, so the batch size follows the load with no timer and no added latency when idle (the database
 * technique, and the Cloud Pub/Sub subscriber clients' batched acks; docs/design.md section 2, "Throughput comes from
 * batching").
 *
 * <p>Each item's future completes with its result once the batch holding it was written, or exceptionally
 * with the writer's exception when the batch failed (then nothing of that batch was written: the writer runs
 * one transaction). After the futures are completed, {@code afterBatch} gets the batch's results (for work
 * that must follow the commit but need not hold up the submitters, like sending the outbox's events).
 *
 * @param <T> what is written
 * @param <R> what writing one item returns
 */
public final class GroupCommit<T, R> {

    /** Writes a whole batch, all or nothing; returns one result per item, in order. */
    @FunctionalInterface
    public interface Writer<T, R> {
        List<R> write(List<T> batch);
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final Executor executor;
    private final Writer<T, R> writer;
    private final Consumer<List<R>> afterBatch;
    private final int maxBatch;
    private final Deque<Pending<T, R>> queue = new ArrayDeque<>();
    private boolean flushing;
    private long batches;

    /**
     * @param executor   runs the flushes (one at a time)
     * @param writer     writes one batch in one transaction
     * @param afterBatch receives each written batch's results after their futures completed; its exceptions
     *                   are the caller's to handle (they propagate to the executor)
     * @param maxBatch   at most this many items per batch, at least 1
     * @throws IllegalArgumentException when {@code maxBatch} is below 1
     */
    public GroupCommit(Executor executor, Writer<T, R> writer, Consumer<List<R>> afterBatch, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        this.executor = executor;
        this.writer = writer;
        this.afterBatch = afterBatch;
        this.maxBatch = maxBatch;
    }

    /** Group commit without follow-up work. */
    public GroupCommit(Executor executor, Writer<T, R> writer, int maxBatch) {
        this(executor, writer, results -> { }, maxBatch);
    }

    /** Queues the item; the future completes when its batch was written. Never blocks. */
    public CompletableFuture<R> submit(T item) {
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        boolean start;
        synchronized (this) {
            queue.add(pending);
            start = !flushing;
            flushing = true;
        }
        if (start) {
            schedule();
        }
        return pending.result();
    }

    private void schedule() {
        try {
            executor.execute(this::flush);
        } catch (RejectedExecutionException e) {
            List<Pending<T, R>> dropped;
            synchronized (this) {
                dropped = new ArrayList<>(queue);
                queue.clear();
                flushing = false;
            }
            dropped.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** Writes one batch; schedules the next flush when more items wait, so other tasks can run in between. */
    private void flush() {
        List<Pending<T, R>> batch;
        synchronized (this) {
            int take = Math.min(maxBatch, queue.size());
            batch = new ArrayList<>(take);
            for (int i = 0; i < take; i++) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                flushing = false;
                return;
            }
            batches++;
        }
        try {
            write(batch);
        } finally {
            boolean more;
            synchronized (this) {
                more = !queue.isEmpty();
                flushing = more;
            }
            if (more) {
                schedule();
            }
        }
    }

    private void write(List<Pending<T, R>> batch) {
        List<R> results;
        try {
            results = writer.write(batch.stream().map(Pending::item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("The writer returned " + results.size() + " results for "
                        + batch.size() + " items");
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
        afterBatch.accept(results);
    }

    /** Items queued and not yet taken into a batch. */
    public synchronized int queued() {
        return queue.size();
    }

    /** True while a flush is scheduled or running. */
    public synchronized boolean busy() {
        return flushing;
    }

    /** Batches written (or attempted) so far; never an empty one. */
    public synchronized long batches() {
        return batches;
    }
}
