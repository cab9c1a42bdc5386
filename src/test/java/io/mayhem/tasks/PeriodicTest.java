package io.mayhem.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PeriodicTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    boolean down = true;
    int runs;
    Periodic sweep = new Periodic("sweep", () -> {
        runs++;
        if (down) {
            throw new IllegalStateException("tx", new RuntimeException("Connection refused"));
        }
    });

    @Test
    void logsOneWarningWhileFailingAndOneLineWhenItWorksAgain() {
        sweep.run();
        sweep.run();
        sweep.run();
        assertThat(sweep.failing()).isTrue();
        down = false;
        sweep.run();
        sweep.run();

        assertThat(runs).isEqualTo(5);
        assertThat(sweep.failing()).isFalse();
        assertThat(logs.messages(Level.WARNING)).containsExactly(
                "Periodic sweep failed (RuntimeException: Connection refused); it runs again each period");
        assertThat(logs.messages(Level.INFO)).containsExactly("Periodic sweep works again");
    }

    @Test
    void saysNothingWhileItWorks() {
        down = false;
        sweep.run();

        assertThat(runs).isEqualTo(1);
        assertThat(logs.messages(Level.INFO)).isEmpty();
        assertThat(logs.messages(Level.WARNING)).isEmpty();
    }
}
