package io.mayhem.logging;

import static io.mayhem.request.RestartRequest.tag;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class PrintedLinesTest {

    final List<String> written = new CopyOnWriteArrayList<>();
    final PrintStream out = PrintedLines.stream("System.out", Level.INFO, written::add);

    List<JsonObject> lines() {
        return written.stream().map(JsonLines::parse).toList();
    }

    @Test
    void eachPrintedLineIsOneObjectOfTheStreamsLoggerAndLevel() {
        out.println("2026-12-01 09:56:14,297 [b-thread-pool16] INFO  ActiveMQEndpointWorker - Stopping");
        out.print("two\nlines\r\n");

        assertThat(lines()).extracting(line -> line.getString("message")).containsExactly(
                "2026-12-01 09:56:14,297 [b-thread-pool16] INFO  ActiveMQEndpointWorker - Stopping", "two", "lines");
        assertThat(lines()).allSatisfy(line -> {
            assertThat(line.getString("logger")).isEqualTo("System.out");
            assertThat(line.getString("level")).isEqualTo("INFO");
        });
    }

    @Test
    void aLineIsWrittenOnceItEnds() {
        out.print("Full thread ");
        out.print("dump");
        assertThat(written).isEmpty();

        out.println();
        out.println();

        assertThat(lines()).extracting(line -> line.getString("message")).containsExactly("Full thread dump", "");
    }

    @Test
    void aPrintedTagGivesTheMessageId() {
        String id = "3e43341c-b516-46f5-84e2-1626e4868076";

        out.println("handled " + tag(id));

        assertThat(lines().get(0).getString("message_id")).isEqualTo(id);
    }

    @Test
    void textThatIsNoUtf8AndControlCharactersStayWellFormed() {
        out.write(new byte[] {'a', (byte) 0xC3, '\t', (byte) 0xFF, '\n'}, 0, 5);
        out.println("\u001b[1;92mINFO\u001b[0m");

        assertThat(lines()).extracting(line -> line.getString("message"))
                .containsExactly("a\uFFFD\t\uFFFD", "\u001b[1;92mINFO\u001b[0m");
    }

    @Test
    void linesOfTwoThreadsPrintedAtOnceStayApart() throws InterruptedException {
        out.print("main starts, ");
        Thread other = new Thread(() -> out.print("other starts, "), "other");
        other.start();
        other.join();
        out.println("main ends");
        Thread ending = new Thread(() -> out.println("other thread's own line"), "ending");
        ending.start();
        ending.join();

        assertThat(lines()).extracting(line -> line.getString("message"))
                .containsExactly("main starts, main ends", "other thread's own line");
        assertThat(lines().get(1).getString("thread")).isEqualTo("ending");
    }

    @Test
    void bytesWrittenOneByOneMakeTheSameLines() {
        PrintedLines bytes = new PrintedLines("System.err", Level.WARNING, new JsonLogFormatter(), written::add);
        for (byte b : "one\r\ntwo\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            bytes.write(b);
        }

        assertThat(lines()).extracting(line -> line.getString("message")).containsExactly("one", "two");
        assertThat(lines()).extracting(line -> line.getString("level")).containsOnly("WARNING");
    }
}
