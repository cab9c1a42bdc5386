package io.mayhem.intake;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bad inputs of src/test/resources/poison/corpus.jsonl: each a JMS message kind, a text for text
 * messages, and how its dead letter's reason must start. The unit test decodes them; the container test
 * sends them through the real broker.
 */
public final class PoisonCorpus {

    /** One bad input. {@code kind} is text, bytes, map, stream, object or message. */
    public record Case(String name, String kind, String text, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private PoisonCorpus() {
    }

    public static List<Case> cases() {
        try (var in = PoisonCorpus.class.getResourceAsStream("/poison/corpus.jsonl");
             var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(PoisonCorpus::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(String line) {
        JsonObject json = Json.createReader(new StringReader(line)).readObject();
        String text = json.getString("text", null);
        if (text != null && json.containsKey("fill")) {
            text = text.replace("{fill}", json.getString("fill").repeat(json.getInt("times")));
        }
        return new Case(json.getString("case"), json.getString("kind", "text"), text, json.getString("reason"));
    }
}
