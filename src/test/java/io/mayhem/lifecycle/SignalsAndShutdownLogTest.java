package io.mayhem.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SignalsAndShutdownLogTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    @Test
    void noSignalIsKnownUntilOneArrives() {
        Signals.record();

        assertThat(Signals.received()).isNull();
    }

    @Test
    void shutdownLinesAreAlsoLogged() {
        ShutdownLog.line("Flushing metrics");

        assertThat(logs.messages(Level.FINE)).containsExactly("Flushing metrics");
    }

    @Test
    void aShutdownThatBrokeOffIsLoggedAsSevere() {
        ShutdownLog.failed(new IllegalStateException("container stopped"));

        assertThat(logs.messages(Level.SEVERE)).containsExactly("Shutdown broke off");
    }
}
