package io.mayhem.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkPoolsTest {

    /** Everything here happens in milliseconds; a bound under PIT's timeout makes a hanging mutant fail, not time out. */
    static final Duration BOUND = Duration.ofSeconds(1);

    List<String> ran = new CopyOnWriteArrayList<>();
    AtomicInteger killed = new AtomicInteger();
    /** Like Payara Server during deployment: the first threads die before they run their task. */
    ThreadFactory killsFirstTwo = task -> new Thread(() -> {
        if (killed.incrementAndGet() <= 2) {
            throw new NullPointerException("this.applicationRegistry is null");
        }
        task.run();
    });
    WorkPools pools = new WorkPools(killsFirstTwo, 2);

    @AfterEach
    void stop() throws InterruptedException {
        pools.stop(Duration.ZERO);
    }

    @Test
    void aPoolWhoseThreadsWereKilledBeforeTheyRanIsReplacedWithItsQueuedTasks() {
        Thread.UncaughtExceptionHandler quiet = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> { });
        try {
            pools.work().execute(() -> ran.add("first"));
            pools.work().execute(() -> ran.add("second"));
            pools.work().execute(() -> ran.add("third"));
            await().dontCatchUncaughtExceptions().atMost(BOUND).until(() -> killed.get() == 2);

            assertThat(pools.checkProgress()).as("the first look only notes the count").isFalse();
            assertThat(pools.checkProgress()).isTrue();

            await().dontCatchUncaughtExceptions().atMost(BOUND).until(() -> ran.size() == 1);
            assertThat(ran).containsExactly("third");
            assertThat(pools.replaced()).isEqualTo(1);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(quiet);
        }
    }

    @Test
    void aPoolThatRunsItsTasksIsLeftAlone() throws InterruptedException {
        killed.set(2);
        CountDownLatch done = new CountDownLatch(1);
        pools.work().execute(done::countDown);
        assertThat(done.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        assertThat(pools.checkProgress()).isFalse();
        assertThat(pools.checkProgress()).isFalse();
        assertThat(pools.replaced()).isZero();
    }

    @Test
    void aBusyWorkerIsNotMistakenForADeadOne() throws InterruptedException {
        killed.set(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 3; i++) {
            pools.work().execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        assertThat(pools.checkProgress()).isFalse();
        assertThat(pools.checkProgress()).as("queued, none completed, but workers are busy").isFalse();
        release.countDown();
    }

    @Test
    void theTimerRunsDelays() {
        killed.set(2);
        CompletableFutureHolder holder = new CompletableFutureHolder();
        holder.delay = pools.timer().delay(Duration.ofMillis(10));
        await().atMost(BOUND).until(holder.delay::isDone);
        assertThat(holder.delay).isCompleted();
    }

    static final class CompletableFutureHolder {
        java.util.concurrent.CompletableFuture<Void> delay;
    }

    @Test
    void namesItsThreadsAndLetsIdleWorkersExit() throws Exception {
        killed.set(2);
        WorkPools quick = new WorkPools(killsFirstTwo, 1, Duration.ofMillis(20));
        try {
            java.util.concurrent.CompletableFuture<Thread> worker = new java.util.concurrent.CompletableFuture<>();
            quick.work().execute(() -> worker.complete(Thread.currentThread()));
            Thread thread = worker.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(thread.getName()).isEqualTo("mayhem-work-" + thread.getId());

            await().atMost(BOUND).until(() -> !thread.isAlive());
        } finally {
            quick.stop(Duration.ZERO);
        }
    }

    @Test
    void aCancelledDelayLeavesTheTimerAtOnce() throws Exception {
        killed.set(2);
        java.util.concurrent.CompletableFuture<String> timerThread = new java.util.concurrent.CompletableFuture<>();
        pools.timer().schedule(Duration.ZERO, () -> timerThread.complete(Thread.currentThread().getName()));
        assertThat(timerThread.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).startsWith("mayhem-timer-");

        Cancellable later = pools.timer().schedule(Duration.ofHours(1), () -> ran.add("later"));
        assertThat(pools.pendingDelays()).isEqualTo(1);
        later.cancel();

        assertThat(pools.pendingDelays()).isZero();
    }

    @Test
    void stopLetsQueuedWorkFinishWithinTheTimeout() throws Exception {
        killed.set(2);
        WorkPools one = new WorkPools(killsFirstTwo, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        one.work().execute(() -> {
            started.countDown();
            try {
                release.await();
                ran.add("first");
            } catch (InterruptedException e) {
                ran.add("interrupted");
            }
        });
        one.work().execute(() -> ran.add("queued"));
        assertThat(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        java.util.concurrent.CompletableFuture<Void> stopped = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                // far longer than the bound: only the pool's end can return it in time
                one.stop(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        release.countDown();

        stopped.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ran).containsExactly("first", "queued");
    }

    @Test
    void stopInterruptsWorkStillRunningAtTheTimeout() throws Exception {
        killed.set(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pools.work().execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        pools.stop(Duration.ofMillis(10));

        assertThat(interrupted.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
}
