package io.mayhem.intake;

import static io.mayhem.request.InputText.clip;

import io.mayhem.request.HostLabel;
import io.mayhem.request.RestartRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Decodes and validates a restart request (docs/design.md sections 1 and 9); unknown extra fields are accepted. */
public final class RequestDecoder {

    // once: each Json.create* call looks the provider up again (6% of the CPU in the benchmark)
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String domain;
    private final int maxPayloadBytes;

    public RequestDecoder(String domain, int maxPayloadBytes) {
        this.domain = domain;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Decoded decode(Delivery delivery) {
        if (delivery.unreadable() != null) {
            return Decoded.rejected("unreadable message: " + clip(delivery.unreadable(), 240));
        }
        if (delivery.notTextKind() != null) {
            return Decoded.rejected("not a text message: " + delivery.notTextKind());
        }
        String text = delivery.text();
        if (text == null || text.isBlank()) {
            return Decoded.rejected("empty text message");
        }
        String encoding = encodingProblem(text);
        if (encoding != null) {
            return Decoded.rejected(encoding);
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxPayloadBytes) {
            return Decoded.rejected("payload of " + bytes + " bytes is over the limit of " + maxPayloadBytes + " bytes");
        }
        JsonValue value;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                return Decoded.rejected("not JSON: trailing content after the JSON value");
            }
        } catch (RuntimeException e) {
            // JsonParsingException, and the parser's own limits (nesting depth): poison, never a reason to redeliver
            return Decoded.rejected("not JSON: " + clip(String.valueOf(e.getMessage())));
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return Decoded.rejected("not a JSON object: " + value.getValueType().name().toLowerCase());
        }
        String duplicate = duplicateKey(text);
        if (duplicate != null) {
            return Decoded.rejected("duplicate key " + clip(duplicate));
        }
        return decode(value.asJsonObject());
    }

    private Decoded decode(JsonObject json) {
        String messageId = string(json, "message_id");
        String instanceName = string(json, "instance_name");
        String problem = messageId == null ? missingOrWrong(json, "message_id")
                : !isUuid(messageId) ? "message_id is not a UUID: '" + clip(messageId) + "'"
                : instanceNameProblem(json);
        // RFC 4122 reads the hex digits case-insensitively: one UUID is one request however it is spelt
        String normalized = isUuid(messageId) ? messageId.toLowerCase(Locale.ROOT) : null;
        return problem != null ? Decoded.rejected(problem, normalized)
                : Decoded.valid(new RestartRequest(normalized, instanceName, domain));
    }

    /**
     * The first key that appears twice in one object, at any depth, or null (also used by the operator API).
     * JSON-P keeps the last value of a repeated key; a request that names a field twice is ambiguous.
     *
     * @param text valid JSON
     */
    public static String duplicateKey(String text) {
        Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT -> objects.push(new HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case KEY_NAME -> {
                        if (!objects.element().add(parser.getString())) {
                            return parser.getString();
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return null;
    }

    /** Why the object's instance_name would not be accepted, or null when it would (also used by the operator API). */
    public static String instanceNameProblem(JsonObject json) {
        String instanceName = string(json, "instance_name");
        return instanceName == null ? missingOrWrong(json, "instance_name") : HostLabel.problem(instanceName);
    }

    /**
     * A text that no UTF-8 byte sequence decodes to (an unpaired surrogate), or that holds the replacement
     * character a decoder puts where the sender's bytes were not UTF-8.
     */
    private static String encodingProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("invalid UTF-8: unpaired surrogate U+%04X at character %d", (int) c, i);
            } else if (c == '\uFFFD') {
                return "invalid UTF-8: replacement character U+FFFD at character " + i
                        + " (the sender's bytes were not UTF-8)";
            }
        }
        return null;
    }

    private static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }

    private static String missingOrWrong(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null) {
            return field + " is missing";
        }
        return switch (value.getValueType()) {
            case NULL -> field + " is null";
            case STRING -> field + " is blank";
            default -> field + " is not a string but " + value.getValueType().name().toLowerCase();
        };
    }

    private static boolean isUuid(String text) {
        if (text == null) {
            return false;
        }
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
