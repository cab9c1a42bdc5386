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
 * A JUnit 5 extension that captures the java.util.logging records a test caused under one logger name
 * (default {@code io.mayhem}), at every level, and forgets them before the next test.
 *
 * <p>What it replaces: pytest's {@code caplog} fixture. {@link #messages(Level)} is
 * {@code [r.getMessage() for r in caplog.records if r.levelno == level]}, {@link #messages()} is
 * {@code caplog.messages} at INFO and above, {@link #records()} is {@code caplog.records}, {@link #clear()} is
 * {@code caplog.clear()}; capturing every level is {@code caplog.set_level(logging.DEBUG)}. Register it with
 * {@code @RegisterExtension} on an instance field so each test gets a fresh capture; the logger's level is
 * put back after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * LogCapture logs = new LogCapture("com.example");
 *
 * @Test
 * void logsEachRestart() {
 *     restarter.restart("cattle-1a2b");
 *     assertThat(logs.messages(Level.INFO)).containsExactly("Restarted cattle-1a2b");
 * }
 * }</pre>
 * Messages are compared without a trailing {@code [message_id=...]} tag (this project's loggers add one);
 * {@link #records()} keeps it. Messages are the records' raw message, unformatted: log them already built.
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

    /** Captures what is logged under {@code io.mayhem} and its children. */
    public LogCapture() {
        this("io.mayhem");
    }

    /**
     * Captures what is logged under {@code loggerName} and its children.
     *
     * @param loggerName a java.util.logging logger name, such as a package
     */
    public LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
    }

    /** Forgets what was captured so far. */
    public void clear() {
        records.clear();
    }

    /** Starts capturing: forgets earlier records and lets every level of the logger through. */
    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Stops capturing and puts the logger's level back. */
    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }

    /** {@return every record captured so far, at every level, in the order logged} {@code caplog.records}. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * {@return the messages at exactly {@code level}, without their message-id tag, in the order logged}
     *
     * @param level the level to match, such as {@code Level.WARNING}
     */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogCapture::text).toList();
    }

    /** {@return all messages at INFO and above, without their message-id tag} {@code caplog.messages}. */
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
