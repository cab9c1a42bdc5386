package io.mayhem.web;

import io.mayhem.intake.RequestDecoder;
import io.mayhem.request.InputText;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code POST /api/restarts}: a JSON object whose {@code instance_name} the topic's decoder accepts
 * (the same rules, so a request made here is never dead-lettered). Other fields are ignored.
 */
final class RestartBody {

    static final int MAX_BYTES = 4096;

    /** Either the instance name or why the body is refused. */
    record Read(String instanceName, String problem) {
    }

    private RestartBody() {
    }

    /** Reads at most {@link #MAX_BYTES} + 1 bytes of the stream. */
    static Read read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return refused("body over the limit of " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return refused("body is not UTF-8");
        }
        if (text.isBlank()) {
            return refused("empty body");
        }
        JsonValue value;
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) { // Parsson throws here instead; another JSON-P implementation may not
                return refused("not JSON: trailing content after the JSON value");
            }
        } catch (RuntimeException e) {
            return refused("not JSON: " + InputText.clip(String.valueOf(e.getMessage())));
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return refused("not a JSON object: " + value.getValueType().name().toLowerCase());
        }
        String duplicate = RequestDecoder.duplicateKey(text);
        if (duplicate != null) {
            return refused("duplicate key " + InputText.clip(duplicate));
        }
        String problem = RequestDecoder.instanceNameProblem(value.asJsonObject());
        return problem != null ? refused(problem) : new Read(value.asJsonObject().getString("instance_name"), null);
    }

    private static Read refused(String problem) {
        return new Read(null, problem);
    }
}
