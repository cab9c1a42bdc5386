package com.example.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test kit from the installed artifact: virtual time (VirtualScheduler), work that runs only when the test
 * says so (ManualExecutor), and the log lines it caused (LogCapture). No thread, no sleep: a few milliseconds.
 */
class HeartbeatTest {

    @RegisterExtension
    LogCapture logs = new LogCapture("com.example");

    ManualExecutor executor = new ManualExecutor();
    VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    Heartbeat heartbeat = new Heartbeat(time, executor, time.clock(), Duration.ofSeconds(2));

    @Test
    void beatsOncePerPeriodOfVirtualTimeOnTheExecutor() {
        heartbeat.start();

        time.advance(Duration.ofSeconds(5));
        assertThat(executor.pending()).isEqualTo(2);   // due at 2 s and 4 s, handed over, not run inline
        assertThat(logs.messages()).isEmpty();

        executor.runUntilIdle();
        assertThat(logs.messages(Level.INFO)).containsExactly(
                "Beat 1 due at 2026-01-01T00:00:02Z",
                "Beat 2 due at 2026-01-01T00:00:04Z");
        assertThat(time.now()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    }

    @Test
    void noBeatIsDueAfterStop() {
        heartbeat.start();
        time.advance(Duration.ofSeconds(2));
        heartbeat.stop();

        time.advance(Duration.ofMinutes(1));
        assertThat(time.pending()).isZero();
        assertThat(executor.runUntilIdle()).isEqualTo(1);
        assertThat(logs.messages()).containsExactly("Beat 1 due at 2026-01-01T00:00:02Z");
    }
}
