package io.mayhem.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures the java.util.logging records a test caused under a logger name (default {@code io.mayhem}):
 * pytest's {@code caplog}.
 *
 * <pre>{@code
 * @RegisterExtension
 * LogCapture logs = new LogCapture();
 * ...
 * assertThat(logs.messages(Level.INFO)).containsExactly("Restarted cattle-1a2b.example.net");
 * }</pre>
 * Messages are compared without the trailing {@code [message_id=...]} tag; {@link #records()} keeps it.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    public LogCapture() {
        this("io.mayhem");
    }

    public LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
    }

    /** Forgets what was captured so far. */
    public void clear() {
        records.clear();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Messages at exactly this level, without their message-id tag, in the order logged. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogCapture::text).toList();
    }

    /** All messages at INFO and above, without their message-id tag. */
    public List<String> messages() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(LogCapture::text).toList();
    }

    private static String text(LogRecord record) {
        String message = record.getMessage();
        int tag = message.lastIndexOf(" [message_id=");
        return tag < 0 ? message : message.substring(0, tag);
    }
}
