package io.mayhem.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogHandlerTest {

    final List<String> written = new ArrayList<>();
    final JsonLogHandler handler = new JsonLogHandler(written::add);

    @Test
    void eachRecordIsOneJsonLineAndEveryLevelPasses() {
        handler.publish(new LogRecord(Level.FINEST, "detail"));
        handler.publish(new LogRecord(Level.SEVERE, "broken"));

        assertThat(written).extracting(line -> JsonLines.parse(line).getString("level"))
                .containsExactly("FINEST", "SEVERE");
    }

    @Test
    void aLevelSetOnTheHandlerFilters() {
        handler.setLevel(Level.INFO);

        handler.publish(new LogRecord(Level.FINE, "detail"));
        handler.publish(null);

        assertThat(written).isEmpty();
    }

    @Test
    void aFormatterThatFailsIsReportedAndNothingIsWritten() {
        List<Integer> errors = new ArrayList<>();
        handler.setErrorManager(new ErrorManager() {
            @Override
            public synchronized void error(String msg, Exception ex, int code) {
                errors.add(code);
            }
        });
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                throw new IllegalStateException("broken formatter");
            }
        });

        handler.publish(new LogRecord(Level.INFO, "x"));

        assertThat(written).isEmpty();
        assertThat(errors).containsExactly(ErrorManager.FORMAT_FAILURE);
    }

    @Test
    void closingLeavesTheOutputOpenForLaterLines() {
        handler.flush();
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "printed at shutdown"));

        assertThat(written).hasSize(1);
    }

    @Test
    void theHandlerTheLogManagerCreatesFormatsAsJson() {
        assertThat(new JsonLogHandler().getFormatter()).isInstanceOf(JsonLogFormatter.class);
        assertThat(StandardOutput.PROCESS.failed()).isFalse();
    }

    @Test
    void standardOutputWritesWholeLinesAsUtf8AndRemembersAFailedWrite() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StandardOutput out = new StandardOutput(bytes);
        out.accept("caf\u00e9 \uD83D\uDE00\n");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("caf\u00e9 \uD83D\uDE00\n");
        assertThat(out.failed()).isFalse();

        StandardOutput closed = new StandardOutput(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        closed.accept("x\n");

        assertThat(closed.failed()).isTrue();
    }
}
