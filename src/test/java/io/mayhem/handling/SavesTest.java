package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.Simulation;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.ScriptedRandom;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SavesTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    ManualExecutor executor = new ManualExecutor();
    VirtualScheduler time = new VirtualScheduler();
    EventJournal events = mock(EventJournal.class);
    CompletableFuture<Object> stored = new CompletableFuture<>();
    Stats stats = new Stats(() -> 0);
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @org.junit.jupiter.api.BeforeEach
    void journal() {
        org.mockito.Mockito.when(events.record(msg)).thenAnswer(call -> stored);
    }

    CompletableFuture<Void> save(double latency, double failureDraw) {
        Simulation simulation = new Simulation(new ScriptedRandom(latency, failureDraw), Duration.ofSeconds(1), 0.25, 0.25);
        return new Saves(events, time, simulation, stats).save(msg, executor);
    }

    @Test
    void aSuccessfulSaveTakesOneDelayRecordsTheEventAndLogsOnce() {
        CompletableFuture<Void> saved = save(0.3, 0.9);

        time.advance(Duration.ofMillis(299));
        executor.runUntilIdle();
        assertThat(saved).isNotDone();
        verifyNoInteractions(events);
        time.advance(Duration.ofMillis(1));
        executor.runUntilIdle();
        verify(events).record(msg);
        assertThat(saved).as("not saved before the journal stored it").isNotDone();
        assertThat(msg.saved()).isFalse();
        stored.complete(null);
        executor.runUntilIdle();

        assertThat(saved).isCompleted();
        assertThat(msg.saved()).isTrue();
        assertThat(time.scheduledCount()).isEqualTo(1);
        assertThat(logs.messages(Level.INFO)).containsExactly("Saved PubSubMessage(instance_name=cattle-1a2b) into database");
        assertThat(stats.snapshot()).containsEntry("saved", 1L);
    }

    @Test
    void aFailedSaveRecordsNothingAndFailsWithItsReason() {
        CompletableFuture<Void> saved = save(0.3, 0.1);
        time.advance(Duration.ofSeconds(1));
        executor.runUntilIdle();

        assertThat(saved).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(SaveFailed.class)
                .withMessage("Could not save PubSubMessage(instance_name=cattle-1a2b)");
        verify(events, never()).record(msg);
        assertThat(msg.saved()).isFalse();
        assertThat(logs.messages(Level.INFO)).isEmpty();
        assertThat(stats.snapshot()).containsEntry("saved", 0L);
    }

    @Test
    void aFailedJournalWriteFailsTheSave() {
        CompletableFuture<Void> saved = save(0.3, 0.9);
        time.advance(Duration.ofSeconds(1));
        executor.runUntilIdle();
        stored.completeExceptionally(new IllegalStateException("database down"));
        executor.runUntilIdle();

        assertThat(saved).failsWithin(Duration.ZERO).withThrowableThat().havingRootCause().withMessage("database down");
        assertThat(msg.saved()).isFalse();
        assertThat(stats.snapshot()).containsEntry("saved", 0L);
    }
}
