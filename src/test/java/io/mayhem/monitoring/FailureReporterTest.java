package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailureReporterTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    Stats stats = new Stats(() -> 0);
    FailureReporter reporter = new FailureReporter(stats);

    @Test
    void logsCaughtExceptionsWithTheMessageIdAndCountsThem() {
        reporter.caught("m-1", new IllegalStateException("boom"));

        assertThat(logs.records()).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).isEqualTo("Caught exception: java.lang.IllegalStateException: boom [message_id=m-1]");
        });
        assertThat(stats.uncaughtCount()).isEqualTo(1);
        assertThat(reporter.fatal()).isNull();
    }

    @Test
    void anErrorIsFatal() {
        reporter.caught(null, new OutOfMemoryError("heap"));

        assertThat(reporter.fatal()).isEqualTo("java.lang.OutOfMemoryError: heap");
    }
}
