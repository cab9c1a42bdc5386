package io.mayhem.lifecycle;

import io.mayhem.logging.JsonLogFormatter;
import io.mayhem.logging.LogFormat;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shutdown lines. At SIGTERM/SIGINT the server closes its log handlers before the application's
 * {@code @PreDestroy} runs, so lines logged there would be lost: each line is written straight to the
 * process's standard output (file descriptor 1, not the possibly redirected System.out), in the process's log
 * format (a JSON object per line with {@code mayhem.log.format=json}), and also logged.
 */
final class ShutdownLog {

    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());
    private static final PrintStream STANDARD_OUTPUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    private final PrintStream out;
    private final JsonLogFormatter json;

    /** Writes to the process's standard output in the given format. */
    ShutdownLog(LogFormat format) {
        this(format, STANDARD_OUTPUT);
    }

    ShutdownLog(LogFormat format, PrintStream out) {
        this.out = out;
        this.json = format == LogFormat.JSON ? new JsonLogFormatter() : null;
    }

    void line(String text) {
        write(Level.INFO, text, null);
        LOG.fine(text);
    }

    /** A shutdown that broke off; the server's own log of the exception may already be closed. */
    void failed(Throwable e) {
        write(Level.SEVERE, "Shutdown broke off: " + e, e);
        LOG.log(Level.SEVERE, "Shutdown broke off", e);
    }

    private void write(Level level, String text, Throwable e) {
        if (json != null) {
            LogRecord record = new LogRecord(level, text);
            record.setLoggerName(Shutdown.class.getName());
            record.setThrown(e);
            out.print(json.format(record));
            return;
        }
        synchronized (out) {
            out.println("[" + OffsetDateTime.now(ZoneOffset.UTC) + "] [" + level + "] [" + Shutdown.class.getName()
                    + "] " + text);
            if (e != null) {
                e.printStackTrace(out);
            }
        }
    }
}
