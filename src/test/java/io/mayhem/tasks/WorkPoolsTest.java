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
        pools.stop(Duration.ofSeconds(1));
    }

    @Test
    void aPoolWhoseThreadsWereKilledBeforeTheyRanIsReplacedWithItsQueuedTasks() {
        Thread.UncaughtExceptionHandler quiet = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> { });
        try {
            pools.work().execute(() -> ran.add("first"));
            pools.work().execute(() -> ran.add("second"));
            pools.work().execute(() -> ran.add("third"));
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> killed.get() == 2);

            assertThat(pools.checkProgress()).as("the first look only notes the count").isFalse();
            assertThat(pools.checkProgress()).isTrue();

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
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
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

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
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(pools.checkProgress()).isFalse();
        assertThat(pools.checkProgress()).as("queued, none completed, but workers are busy").isFalse();
        release.countDown();
    }

    @Test
    void theTimerRunsDelays() {
        killed.set(2);
        CompletableFutureHolder holder = new CompletableFutureHolder();
        holder.delay = pools.timer().delay(Duration.ofMillis(10));
        await().atMost(Duration.ofSeconds(5)).until(holder.delay::isDone);
        assertThat(holder.delay).isCompleted();
    }

    static final class CompletableFutureHolder {
        java.util.concurrent.CompletableFuture<Void> delay;
    }
}
