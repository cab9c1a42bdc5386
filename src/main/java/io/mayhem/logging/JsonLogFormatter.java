package io.mayhem.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log record as one JSON object on one line: {@code timestamp} (ISO-8601, UTC, milliseconds), {@code level}
 * (java.util.logging's name: SEVERE, WARNING, INFO, FINE, ...), {@code logger}, {@code thread}, {@code message} (the
 * text as the text format has it, tag included), {@code message_id} (when the message, or else the exception's,
 * carries a request's {@code [message_id=<uuid>]} tag: the last one) and {@code exception} (the stack trace, when
 * the record has one). Whatever the text holds, the line is well-formed JSON and well-formed Unicode: quotes,
 * backslashes and control characters are escaped (a line break as {@code \n}), and an unpaired surrogate is
 * written as the text <code>&#92;uXXXX</code> it stands for, as {@code request.InputText} writes it.
 */
public class JsonLogFormatter extends Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final Pattern TAG = Pattern.compile(
            "\\[message_id=(\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12})]");

    /** How far down a chain of causes a message id is looked for (a chain may be a loop). */
    private static final int MAX_CAUSES = 16;
    /** Not line breaks to JSON, but to JavaScript and some log viewers: escaped too. */
    private static final char LINE_SEPARATOR = (char) 0x2028;
    private static final char PARAGRAPH_SEPARATOR = (char) 0x2029;

    /** The record as one JSON object and a line break. */
    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        Throwable thrown = record.getThrown();
        StringBuilder line = new StringBuilder(160 + message.length());
        line.append("{\"timestamp\":\"").append(TIMESTAMP.format(record.getInstant()))
                .append("\",\"level\":\"").append(record.getLevel().getName()).append("\",\"logger\":");
        appendQuoted(line, String.valueOf(record.getLoggerName()));
        line.append(",\"thread\":");
        appendQuoted(line, thread(record));
        line.append(",\"message\":");
        appendQuoted(line, message);
        String messageId = messageId(message, thrown);
        if (messageId != null) {
            line.append(",\"message_id\":\"").append(messageId).append('"');
        }
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(",\"exception\":");
            appendQuoted(line, trace.toString());
        }
        return line.append("}\n").toString();
    }

    /**
     * The request's message id: the last {@code [message_id=<uuid>]} tag of the message, or else of the messages of
     * the exception and its causes (the first that has one); null when none has.
     */
    static String messageId(String message, Throwable thrown) {
        String id = lastTag(message);
        Throwable cause = thrown;
        for (int depth = 0; id == null && cause != null && depth < MAX_CAUSES; depth++) {
            id = lastTag(cause.getMessage());
            cause = cause.getCause();
        }
        return id;
    }

    private static String lastTag(String text) {
        if (text == null) {
            return null;
        }
        String id = null;
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            id = tag.group(1);
        }
        return id;
    }

    /** The name of the thread that logged, when it is the one formatting (it is, for a console); else its id. */
    private static String thread(LogRecord record) {
        Thread current = Thread.currentThread();
        return current.getId() == record.getLongThreadID() ? current.getName() : "id " + record.getLongThreadID();
    }

    /** The text as a JSON string literal, quotes included (see the class comment for the escaping). */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendQuoted(out, text);
        return out.toString();
    }

    private static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append("\\\\u").append(hex(c));
            } else {
                appendChar(out, c);
            }
        }
        out.append('"');
    }

    private static void appendChar(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (Character.isISOControl(c) || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR) {
                    out.append("\\u").append(hex(c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
