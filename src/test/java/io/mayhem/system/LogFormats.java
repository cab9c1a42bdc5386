package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the run command's output looks like in each log format (docs/operations.md "Logs"). */
final class LogFormats {

    private static final Pattern TAG = Pattern.compile("\\[message_id=([0-9a-f-]{36})]");
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private LogFormats() {
    }

    /**
     * With MAYHEM_LOG_FORMAT=json: every line of the output is a JSON object with a timestamp, a level, a logger and
     * a message, and every handled request's line has the message id of its tag as a field.
     */
    static List<JsonObject> assertEveryLineIsJson(String output) {
        List<String> lines = output.lines().toList();
        List<JsonObject> objects = lines.stream().map(LogFormats::parse).toList();
        assertThat(objects).allSatisfy(line -> assertThat(line.keySet())
                .contains("timestamp", "level", "logger", "thread", "message"));
        List<JsonObject> acked = objects.stream()
                .filter(line -> line.getString("message").startsWith("Done. Acked ")).toList();
        assertThat(acked).as("handled requests").isNotEmpty().allSatisfy(line -> {
            Matcher tag = TAG.matcher(line.getString("message"));
            assertThat(tag.find()).as(line.toString()).isTrue();
            assertThat(line.getString("message_id", null)).as(line.toString()).isEqualTo(tag.group(1));
            assertThat(line.getString("logger")).isEqualTo("io.mayhem.handling.RequestHandler");
        });
        assertThat(objects).as("the embedded broker's own log").anySatisfy(line -> assertThat(line.getString("logger"))
                .isEqualTo("org.apache.activemq.broker.BrokerService"));
        assertThat(objects).as("the shutdown lines").anySatisfy(line -> assertThat(line.getString("logger"))
                .isEqualTo("io.mayhem.lifecycle.Shutdown"));
        return objects;
    }

    /** Without the switch: the server's text format, and the shutdown lines in their own. */
    static void assertTextFormat(String output) {
        List<String> lines = output.lines().map(line -> ANSI.matcher(line).replaceAll("")).toList();
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
        assertThat(lines).anyMatch(line -> line.matches("\\[\\d{4}-\\d\\d-\\d\\dT[^]]+] \\[] \\[INFO] \\[] "
                + "\\[io\\.mayhem\\.handling\\.RequestHandler] \\[tid: [^]]+] \\[timeMillis: \\d+] \\[levelValue: 800] "
                + "Done\\. Acked .+ \\[message_id=[0-9a-f-]{36}]"));
        assertThat(lines).anyMatch(line -> line.matches("\\[\\d{4}-\\d\\d-\\d\\dT[^]]+Z] \\[INFO] "
                + "\\[io\\.mayhem\\.lifecycle\\.Shutdown] Closing database connections"));
    }

    private static JsonObject parse(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }
}
