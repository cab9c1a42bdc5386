package io.mayhem.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * What code prints to {@code System.out} or {@code System.err} instead of logging (a library's own console
 * output, a stack trace printed by hand), turned into log lines: each printed line becomes one record of the
 * stream's logger name and level, formatted as JSON. Each thread's text is kept apart until its line ends, so lines
 * printed at once by two threads stay two lines.
 */
public final class PrintedLines extends OutputStream {

    private final String logger;
    private final Level level;
    private final Formatter formatter;
    private final Consumer<String> out;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    /**
     * @param logger the logger name the lines get ({@code System.out})
     * @param level the level they get
     * @param out receives each formatted line, line break included
     */
    public PrintedLines(String logger, Level level, Formatter formatter, Consumer<String> out) {
        this.logger = logger;
        this.level = level;
        this.formatter = formatter;
        this.out = out;
    }

    /** A print stream (UTF-8) whose every line becomes a JSON log line: for {@code System.setOut}. */
    public static PrintStream stream(String logger, Level level, Consumer<String> out) {
        return new PrintStream(new PrintedLines(logger, level, new JsonLogFormatter(), out), true,
                StandardCharsets.UTF_8);
    }

    /** Takes a byte of the text; a line break ends the line (a carriage return before it is dropped). */
    @Override
    public void write(int b) {
        ByteArrayOutputStream line = pending.get();
        if (b == '\n') {
            emit(line);
        } else {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ByteArrayOutputStream line = pending.get();
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit(line);
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    private void emit(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        LogRecord record = new LogRecord(level, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        record.setLoggerName(logger);
        out.accept(formatter.format(record));
    }
}
