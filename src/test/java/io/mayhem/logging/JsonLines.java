package io.mayhem.logging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;

/** Reads what the JSON format wrote, strictly: one line, a JSON object, text a strict UTF-8 encoder takes. */
final class JsonLines {

    private JsonLines() {
    }

    /** The object of one written line (text and its line break), after checking it is exactly one line. */
    static JsonObject parse(String written) {
        assertThat(written).endsWith("\n");
        String line = written.substring(0, written.length() - 1);
        assertThat(line).doesNotContain("\n", "\r");
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(line));
        } catch (CharacterCodingException e) {
            throw new AssertionError("not well-formed Unicode: " + line, e);
        }
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
