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
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
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

        assertThat(threaded.awaitIdle(Duration.ofMillis(50))).isFalse();
        release.countDown();
        assertThat(threaded.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }
}
