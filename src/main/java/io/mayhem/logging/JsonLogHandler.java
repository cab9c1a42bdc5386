package io.mayhem.logging;

import java.util.function.Consumer;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A console handler for the JSON format: each record it is given becomes one line of {@link JsonLogFormatter} on
 * the process's standard output. The loggers' levels decide what is logged; this handler passes everything. Named
 * in the {@code handlers} line of the logging.properties that mayhem-launcher.jar gives Payara Micro.
 */
public class JsonLogHandler extends Handler {

    private final Consumer<String> out;

    /** Writes to {@link StandardOutput#PROCESS}: what java.util.logging's LogManager creates from its properties. */
    public JsonLogHandler() {
        this(StandardOutput.PROCESS);
    }

    /** @param out receives each formatted line, line break included */
    public JsonLogHandler(Consumer<String> out) {
        this.out = out;
        setFormatter(new JsonLogFormatter());
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("JSON log formatter failed", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        out.accept(line);
    }

    /** Nothing is buffered. */
    @Override
    public void flush() {
    }

    /** Standard output stays open for the lines printed after the log manager has closed its handlers. */
    @Override
    public void close() {
    }
}
