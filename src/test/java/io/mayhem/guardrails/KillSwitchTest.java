package io.mayhem.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.request.RestartRequest;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KillSwitchTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    VirtualScheduler time = new VirtualScheduler();
    SharedStore database = new SharedStore();
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    /** The database both instances share. */
    static final class SharedStore implements ChaosStateStore {
        ChaosState stored = ChaosState.RUNNING;
        boolean down;

        @Override
        public ChaosState read() {
            if (down) {
                throw new IllegalStateException("database down");
            }
            return stored;
        }

        @Override
        public ChaosState write(boolean paused, String by, Instant at) {
            if (down) {
                throw new IllegalStateException("database down");
            }
            stored = new ChaosState(paused, by, at);
            return stored;
        }
    }

    @Test
    void refusesEverythingUntilTheStateWasReadOnce() {
        KillSwitch killSwitch = new KillSwitch(database, time.clock());

        assertThat(killSwitch.refusal(msg, time.clock().instant())).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("kill switch: its state has not been read"));
        assertThat(killSwitch.paused()).isTrue();

        killSwitch.refresh();

        assertThat(killSwitch.refusal(msg, time.clock().instant())).isEmpty();
        assertThat(killSwitch.paused()).isFalse();
    }

    @Test
    void aPauseOnOneInstanceHoldsTheOtherFromItsNextRefresh() {
        KillSwitch here = new KillSwitch(database, time.clock());
        KillSwitch there = new KillSwitch(database, time.clock());
        here.refresh();
        there.refresh();
        time.advance(Duration.ofSeconds(5));

        ChaosState stored = here.pause("alice");

        assertThat(stored).isEqualTo(new ChaosState(true, "alice", Instant.parse("2026-01-01T00:00:05Z")));
        assertThat(here.refusal(msg, time.clock().instant())).hasValue(
                "kill switch: restarts paused cluster-wide by alice at 2026-01-01T00:00:05Z (POST /api/chaos/resume to resume)");
        assertThat(there.refusal(msg, time.clock().instant())).isEmpty();

        there.refresh();

        assertThat(there.paused()).isTrue();
        assertThat(there.refusal(msg, time.clock().instant())).isPresent();
        assertThat(logs.messages(Level.INFO)).contains("Restarts paused cluster-wide by alice",
                "Restarts paused cluster-wide by alice at 2026-01-01T00:00:05Z (read from the database)");

        assertThat(there.resume("bob")).isEqualTo(new ChaosState(false, "bob", Instant.parse("2026-01-01T00:00:05Z")));
        here.refresh();

        assertThat(here.refusal(msg, time.clock().instant())).isEmpty();
        assertThat(here.state().changedBy()).isEqualTo("bob");
    }

    @Test
    void aFailedReadKeepsTheLastStateKnownAndAFailedWriteChangesNothing() {
        KillSwitch killSwitch = new KillSwitch(database, time.clock());
        killSwitch.refresh();
        killSwitch.pause("alice");
        database.down = true;

        assertThatThrownBy(killSwitch::refresh).hasMessage("database down");
        assertThatThrownBy(() -> killSwitch.resume("bob")).hasMessage("database down");

        assertThat(killSwitch.paused()).isTrue();
        assertThat(killSwitch.state().changedBy()).isEqualTo("alice");
    }

    @Test
    void theMBeanShowsAndChangesTheSameSwitch() {
        KillSwitch killSwitch = new KillSwitch(database, time.clock());
        killSwitch.refresh();
        KillSwitchControl control = new KillSwitchControl(killSwitch);

        assertThat(control.isPaused()).isFalse();
        assertThat(control.getChangedBy()).isEmpty();
        assertThat(control.getChangedAt()).isEmpty();

        control.pause();

        assertThat(database.stored.paused()).isTrue();
        assertThat(control.isPaused()).isTrue();
        assertThat(control.getChangedBy()).isEqualTo("jmx");
        assertThat(control.getChangedAt()).isEqualTo("2026-01-01T00:00:00Z");

        control.resume();

        assertThat(database.stored.paused()).isFalse();
        assertThat(KillSwitchControl.objectName().toString()).isEqualTo("mayhem:type=KillSwitch");
    }
}
