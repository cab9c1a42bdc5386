package io.mayhem.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.logging.LogFormat;
import io.mayhem.testkit.LogCapture;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SignalsAndShutdownLogTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    List<String> printedLines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static JsonObject json(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    @Test
    void noSignalIsKnownUntilOneArrives() {
        Signals.record();

        assertThat(Signals.received()).isNull();
    }

    @Test
    void shutdownLinesAreAlsoLogged() {
        new ShutdownLog(LogFormat.TEXT, out).line("Flushing metrics");

        assertThat(logs.messages(Level.FINE)).containsExactly("Flushing metrics");
    }

    @Test
    void aShutdownThatBrokeOffIsLoggedAsSevere() {
        new ShutdownLog(LogFormat.TEXT, out).failed(new IllegalStateException("container stopped"));

        assertThat(logs.messages(Level.SEVERE)).containsExactly("Shutdown broke off");
    }

    @Test
    void inTheTextFormatALineIsTimestampLevelLoggerAndText() {
        ShutdownLog log = new ShutdownLog(LogFormat.TEXT, out);
        log.line("Received exit signal SIGTERM...");
        log.failed(new IllegalStateException("container stopped"));

        List<String> lines = printedLines();
        assertThat(lines.get(0)).matches("\\[\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z] \\[INFO] \\[io.mayhem.lifecycle.Shutdown] "
                + "Received exit signal SIGTERM\\.\\.\\.");
        assertThat(lines.get(1)).matches("\\[.+Z] \\[SEVERE] \\[io.mayhem.lifecycle.Shutdown] Shutdown broke off: "
                + "java.lang.IllegalStateException: container stopped");
        assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: container stopped");
    }

    @Test
    void inTheJsonFormatALineIsOneObject() {
        ShutdownLog log = new ShutdownLog(LogFormat.JSON, out);
        log.line("Flushing metrics: {published=62, \"acked\"=60}");
        log.failed(new IllegalStateException("container stopped"));

        List<String> lines = printedLines();
        assertThat(lines).hasSize(2);
        JsonObject line = json(lines.get(0));
        assertThat(line.getString("logger")).isEqualTo("io.mayhem.lifecycle.Shutdown");
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(line.getString("message")).isEqualTo("Flushing metrics: {published=62, \"acked\"=60}");
        JsonObject failed = json(lines.get(1));
        assertThat(failed.getString("level")).isEqualTo("SEVERE");
        assertThat(failed.getString("exception")).startsWith("java.lang.IllegalStateException: container stopped\n");
    }
}
