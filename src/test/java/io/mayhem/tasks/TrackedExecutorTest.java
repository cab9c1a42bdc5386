package io.mayhem.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.ManualExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedExecutorTest {

    ManualExecutor delegate = new ManualExecutor();
    List<String> reported = new ArrayList<>();
    TrackedExecutor executor = new TrackedExecutor(delegate, (id, e) -> reported.add(id + ": " + e.getMessage()));

    @Test
    void reportsAnExceptionEscapingATaskWithItsMessageId() {
        executor.forMessage("m-1").execute(() -> {
            throw new IllegalStateException("boom");
        });
        executor.execute(() -> {
            throw new IllegalArgumentException("no id");
        });
        delegate.runUntilIdle();

        assertThat(reported).containsExactly("m-1: boom", "null: no id");
    }

    @Test
    void dropsTasksThatHadNotStartedWhenClosed() {
        List<String> ran = new ArrayList<>();
        executor.execute(() -> ran.add("before"));
        delegate.runUntilIdle();
        executor.execute(() -> ran.add("after"));
        executor.close();
        delegate.runUntilIdle();

        assertThat(ran).containsExactly("before");
    }

    @Test
    void knowsWhatIsRunningAndWhenItIsIdle() throws InterruptedException {
        int[] seen = new int[1];
        executor.execute(() -> seen[0] = executor.running());
        delegate.runUntilIdle();

        assertThat(seen[0]).isEqualTo(1);
        assertThat(executor.running()).isZero();
        assertThat(executor.awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    void stopsWaitingForABusyTaskAtTheTimeout() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TrackedExecutor threaded = runningUntil(release);

        assertThat(threaded.awaitIdle(Duration.ofMillis(50))).isFalse();
        release.countDown();
        assertThat(threaded.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void wakesAWaiterAsSoonAsTheLastTaskEnds() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TrackedExecutor threaded = runningUntil(release);
        java.util.concurrent.CompletableFuture<Boolean> idle = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                // far longer than the bound below: only the task's end can return it in time
                idle.complete(threaded.awaitIdle(Duration.ofMinutes(1)));
            } catch (InterruptedException e) {
                idle.completeExceptionally(e);
            }
        });
        waiter.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        assertThat(idle).isNotDone();

        release.countDown();

        assertThat(idle.get(2, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aZeroTimeoutAnswersAtOnce() throws InterruptedException {
        executor.execute(() -> {
            try {
                assertThat(executor.awaitIdle(Duration.ZERO)).as("itself still runs").isFalse();
                seenBusy = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        delegate.runUntilIdle();

        assertThat(seenBusy).isTrue();
        assertThat(reported).isEmpty();
    }

    boolean seenBusy;

    /** An executor on real threads running one task, started when this returns, until {@code release} opens. */
    private static TrackedExecutor runningUntil(java.util.concurrent.CountDownLatch release) throws InterruptedException {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        TrackedExecutor threaded = new TrackedExecutor(r -> new Thread(r).start(), (id, e) -> { });
        threaded.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        return threaded;
    }
}
