package io.mayhem.logging;

import static io.mayhem.request.RestartRequest.tag;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    static final String ID = "3e43341c-b516-46f5-84e2-1626e4868076";
    static final String OTHER = "02f611ff-a547-4b1a-99ac-18dafa3a2d0d";

    final JsonLogFormatter formatter = new JsonLogFormatter();

    static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.mayhem.handling.RequestHandler");
        return record;
    }

    JsonObject format(LogRecord record) {
        return JsonLines.parse(formatter.format(record));
    }

    @Test
    void aRecordIsOneObjectWithTimestampLevelLoggerThreadAndMessage() {
        LogRecord record = record(Level.INFO, "Done. Acked PubSubMessage(instance_name=cattle-1a2b) DONE");
        record.setInstant(Instant.parse("2026-12-01T09:56:10.375123Z"));

        JsonObject line = format(record);

        assertThat(line.keySet()).containsExactly("timestamp", "level", "logger", "thread", "message");
        assertThat(line.getString("timestamp")).isEqualTo("2026-12-01T09:56:10.375Z");
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(line.getString("logger")).isEqualTo("io.mayhem.handling.RequestHandler");
        assertThat(line.getString("thread")).isEqualTo(Thread.currentThread().getName());
        assertThat(line.getString("message")).isEqualTo("Done. Acked PubSubMessage(instance_name=cattle-1a2b) DONE");
    }

    @Test
    void theMessageIdOfTheTagIsAFieldAndTheMessageKeepsTheTag() {
        JsonObject line = format(record(Level.INFO, "Saved PubSubMessage(instance_name=cattle-2q8f) into database "
                + tag(ID)));

        assertThat(line.getString("message_id")).isEqualTo(ID);
        assertThat(line.getString("message")).endsWith("into database [message_id=" + ID + "]");
    }

    @Test
    void theLastTagIsTheRequestsAndATagThatIsNoUuidIsNone() {
        assertThat(JsonLogFormatter.messageId("reason quoting '[message_id=" + OTHER + "]' " + tag(ID), null))
                .isEqualTo(ID);
        assertThat(JsonLogFormatter.messageId("Dead-lettered message ID:1: bad " + tag("not-a-uuid"), null))
                .isNull();
        assertThat(JsonLogFormatter.messageId("[message_id=" + ID.substring(1) + "]", null)).isNull();
        assertThat(JsonLogFormatter.messageId("Published 3 requests", null)).isNull();
        assertThat(format(record(Level.INFO, "Published 3 requests")).containsKey("message_id")).isFalse();
    }

    @Test
    void withoutATagInTheMessageTheExceptionsTagIsTaken() {
        RuntimeException refused = new RuntimeException("rolled back",
                new IllegalStateException("Saturated: no room; " + tag(ID) + " stays in the broker"));
        LogRecord record = record(Level.WARNING, "EJB5184: A system exception occurred");
        record.setThrown(refused);

        assertThat(format(record).getString("message_id")).isEqualTo(ID);
        assertThat(JsonLogFormatter.messageId("Caught exception " + tag(OTHER), refused)).isEqualTo(OTHER);
    }

    @Test
    void aLoopOfCausesEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);

        assertThat(JsonLogFormatter.messageId("no tag", first)).isNull();
    }

    @Test
    void theExceptionIsItsStackTraceInOneField() {
        LogRecord record = record(Level.SEVERE, "Caught exception: java.lang.IllegalStateException: boom");
        record.setThrown(new IllegalStateException("boom", new ArithmeticException("by zero")));

        String trace = format(record).getString("exception");

        assertThat(trace).startsWith("java.lang.IllegalStateException: boom\n\tat ")
                .contains("JsonLogFormatterTest.theExceptionIsItsStackTraceInOneField")
                .contains("Caused by: java.lang.ArithmeticException: by zero");
    }

    @Test
    void aMultiLineMessageStaysOneLineAndReadsBackTheSame() {
        String message = "Boot Command set returned with result SUCCESS\r\n    tx-log-dir=/data/tx\n]]\n";

        assertThat(format(record(Level.INFO, message)).getString("message")).isEqualTo(message);
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedAndReadBackTheSame() {
        String message = "say \"hi\" to C:\\dir\\ \u0000\u0007\b\f\t\u001b[1;93m\u007f\u0085 and \u2028\u2029 end";
        String written = formatter.format(record(Level.INFO, message));

        assertThat(JsonLines.parse(written).getString("message")).isEqualTo(message);
        assertThat(written).contains("\\\"hi\\\"", "C:\\\\dir", "\\u0000", "\\u0007", "\\u0008", "\\u000C", "\\t", "\\u001B",
                "\\u007F", "\\u0085", "\\u2028", "\\u2029");
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsTheTextOfItsEscapeAndAPairIsKept() {
        String message = "lone high \uD83D, lone low \uDE00, reversed \uDE00\uD83D, pair \uD83D\uDE00, last \uD800";

        assertThat(format(record(Level.INFO, message)).getString("message")).isEqualTo(
                "lone high \\uD83D, lone low \\uDE00, reversed \\uDE00\\uD83D, pair \uD83D\uDE00, last \\uD800");
    }

    @Test
    void theLoggerNameAndTheThreadNameAreEscapedToo() {
        LogRecord record = record(Level.FINE, "x");
        record.setLoggerName("org.eclipse.persistence.session./file:/tmp/\"x\"\n");
        String name = Thread.currentThread().getName();
        Thread.currentThread().setName("worker \"1\"\t");
        try {
            JsonObject line = format(record);

            assertThat(line.getString("logger")).isEqualTo("org.eclipse.persistence.session./file:/tmp/\"x\"\n");
            assertThat(line.getString("thread")).isEqualTo("worker \"1\"\t");
            assertThat(line.getString("level")).isEqualTo("FINE");
        } finally {
            Thread.currentThread().setName(name);
        }
    }

    @Test
    void aRecordOfAnotherThreadNamesItsIdAndANullLoggerIsNull() {
        LogRecord record = new LogRecord(Level.INFO, "x");
        record.setLongThreadID(Thread.currentThread().getId() + 1000);

        JsonObject line = format(record);

        assertThat(line.getString("thread")).isEqualTo("id " + (Thread.currentThread().getId() + 1000));
        assertThat(line.getString("logger")).isEqualTo("null");
    }

    @Test
    void parametersAreFilledInAsTheTextFormatFillsThemIn() {
        LogRecord record = record(Level.INFO, "Restarted {0} " + tag("{1}"));
        record.setParameters(new Object[] {"cattle-1a2b.example.net", ID});

        JsonObject line = format(record);

        assertThat(line.getString("message")).isEqualTo("Restarted cattle-1a2b.example.net [message_id=" + ID + "]");
        assertThat(line.getString("message_id")).isEqualTo(ID);
    }

    @Test
    void aValueIsQuotedAsAJsonString() {
        assertThat(JsonLogFormatter.quote("x\n\"")).isEqualTo("\"x\\n\\\"\"");
    }
}
