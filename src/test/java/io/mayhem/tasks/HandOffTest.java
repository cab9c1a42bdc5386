package io.mayhem.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandOffTest {

    List<String> ran = new CopyOnWriteArrayList<>();
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    HandOff handOff = new HandOff((id, e) -> uncaught.add(e));

    @AfterEach
    void stop() {
        handOff.stop();
    }

    @Test
    void runsCallbacksInOrderOnItsOwnThreadAndSurvivesAFailingOne() {
        handOff.execute(() -> ran.add(Thread.currentThread().getName()));
        handOff.execute(() -> {
            throw new IllegalStateException("boom");
        });
        handOff.execute(() -> ran.add("after"));
        assertThat(ran).isEmpty();

        handOff.start(Executors.defaultThreadFactory());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ran).containsExactly("mayhem-handoff", "after"));
        assertThat(uncaught).extracting(Throwable::getMessage).containsExactly("boom");
    }

    @Test
    void startsItsThreadWithTheFirstCallbackNotBefore() {
        List<Thread> created = new CopyOnWriteArrayList<>();
        handOff.start(r -> {
            Thread thread = new Thread(r);
            created.add(thread);
            return thread;
        });
        assertThat(created).isEmpty();

        handOff.execute(() -> ran.add("first"));
        handOff.execute(() -> ran.add("second"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ran).containsExactly("first", "second"));
        assertThat(created).hasSize(1);
    }

    @Test
    void stopEndsTheDispatcherThreadAndNoneStartsAfterIt() {
        List<Thread> created = new CopyOnWriteArrayList<>();
        handOff.start(r -> {
            Thread thread = new Thread(r);
            created.add(thread);
            return thread;
        });
        handOff.execute(() -> ran.add("before"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("before"));
        handOff.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> !created.get(0).isAlive());
        handOff.execute(() -> ran.add("never"));
        assertThat(ran).containsExactly("before");
        assertThat(created).hasSize(1);
    }
}
