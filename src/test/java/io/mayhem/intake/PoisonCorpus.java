package io.mayhem.intake;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad inputs of src/test/resources/poison/corpus.jsonl: each a JMS message kind, a text for text
 * messages, and how its dead letter's reason must start. The unit test decodes them; the container test
 * sends them through the real broker.
 */
public final class PoisonCorpus {

    /**
     * One bad input. {@code kind} is text, bytes, map, stream, object or message, or standard-utf8-text: a text
     * message whose body holds standard UTF-8 instead of OpenWire's modified UTF-8, so the client cannot read it.
     * A bytes message's body is {@code text} in UTF-8 or the bytes {@code hex} spells; {@code properties} (string
     * or boolean values) are set on the message.
     */
    public record Case(String name, String kind, String text, String reason, String hex, Map<String, Object> properties) {

        /** The body of a bytes message. */
        public byte[] bytes() {
            return hex != null ? HexFormat.of().parseHex(hex) : text.getBytes(StandardCharsets.UTF_8);
        }

        /** Sets the case's properties on a message (the JMS API's own setters: what any JMS client could do). */
        public void setProperties(jakarta.jms.Message message) throws jakarta.jms.JMSException {
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
        }

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

    /**
     * An OpenWire text message whose content is set directly: a 4-byte length and the standard UTF-8 bytes of
     * the text. OpenWire expects its modified UTF-8, so {@code getText()} throws (a JMSException caused by a
     * UTFDataFormatException) for any character outside the Basic Multilingual Plane.
     */
    public static org.apache.activemq.command.ActiveMQTextMessage textInStandardUtf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer content = java.nio.ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8);
        var message = new org.apache.activemq.command.ActiveMQTextMessage();
        message.setContent(new org.apache.activemq.util.ByteSequence(content.array()));
        return message;
    }

    private static Case parse(String line) {
        JsonObject json = Json.createReader(new StringReader(line)).readObject();
        String text = json.getString("text", null);
        if (text != null && json.containsKey("fill")) {
            text = text.replace("{fill}", json.getString("fill").repeat(json.getInt("times")));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> property : json.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT)
                .asJsonObject().entrySet()) {
            properties.put(property.getKey(), property.getValue() instanceof JsonString string ? string.getString()
                    : property.getValue() == JsonValue.TRUE);
        }
        return new Case(json.getString("case"), json.getString("kind", "text"), text, json.getString("reason"),
                json.getString("hex", null), properties);
    }
}
