package io.mayhem.web;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the service (src/main/resources/META-INF/openapi.yaml, served at /openapi), read as JSON,
 * and the check of a real answer against it: the status, every documented header (present when required, of its
 * schema), and the body when the answer documents one (its media type, and for a JSON object the required
 * properties and every property's type, format and pattern).
 */
public final class ApiDocument {

    /** The file in the source tree, relative to the project's directory (where Maven runs the tests). */
    public static final Path FILE = Path.of("src/main/resources/META-INF/openapi.yaml");

    /** One documented answer: an operation and one of its statuses. */
    public record Answer(String method, String path, int status) implements Comparable<Answer> {
        @Override
        public String toString() {
            return method + " " + path + " " + status;
        }

        @Override
        public int compareTo(Answer other) {
            return toString().compareTo(other.toString());
        }
    }

    private final JsonObject document;

    private ApiDocument(JsonObject document) {
        this.document = document;
    }

    /** The document as served (JSON). */
    public static ApiDocument of(String json) {
        return new ApiDocument(Json.createReader(new StringReader(json)).readObject());
    }

    /** The document as written in the source tree. */
    public static ApiDocument ofFile() {
        try (InputStream in = Files.newInputStream(FILE)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new ApiDocument(toJson(yaml).asJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonObject json() {
        return document;
    }

    /** Every documented (method, path, status), sorted. */
    public Set<Answer> answers() {
        Set<Answer> answers = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (operation.getValueType() == JsonValue.ValueType.OBJECT && operation.asJsonObject().containsKey("responses")) {
                operation.asJsonObject().getJsonObject("responses").keySet().forEach(status -> answers.add(
                        new Answer(method.toUpperCase(Locale.ROOT), path, Integer.parseInt(status))));
            }
        }));
        return answers;
    }

    /** The documented response of an answer. */
    public JsonObject response(Answer answer) {
        return document.getJsonObject("paths").getJsonObject(answer.path())
                .getJsonObject(answer.method().toLowerCase(Locale.ROOT)).getJsonObject("responses")
                .getJsonObject(Integer.toString(answer.status()));
    }

    /** A schema with its {@code $ref} followed (within this document). */
    public JsonObject resolve(JsonObject schema) {
        if (!schema.containsKey("$ref")) {
            return schema;
        }
        JsonValue target = document;
        for (String part : schema.getString("$ref").substring(2).split("/")) {
            target = target.asJsonObject().get(part);
            if (target == null) {
                throw new AssertionError("unresolved $ref " + schema.getString("$ref"));
            }
        }
        return resolve(target.asJsonObject());
    }

    /**
     * Checks a real answer against the documented one.
     *
     * @return what does not match, one line each; empty when it matches
     */
    public List<String> mismatches(Answer answer, HttpResponse<String> response) {
        List<String> problems = new ArrayList<>();
        if (response.statusCode() != answer.status()) {
            problems.add("status " + response.statusCode() + ", documented " + answer.status() + ": " + response.body());
            return problems;
        }
        JsonObject documented = response(answer);
        JsonObject headers = documented.getJsonObject("headers");
        if (headers != null) {
            headers.forEach((name, header) -> checkHeader(name, header.asJsonObject(), response, problems));
        }
        JsonObject content = documented.getJsonObject("content");
        if (content != null && !content.isEmpty()) {
            String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip()
                    .toLowerCase(Locale.ROOT);
            if (!content.containsKey(type)) {
                problems.add("Content-Type " + type + ", documented " + content.keySet());
            } else {
                JsonObject schema = resolve(content.getJsonObject(type).getJsonObject("schema"));
                checkBody(type, schema, response.body(), problems);
            }
        }
        return problems;
    }

    private void checkHeader(String name, JsonObject header, HttpResponse<String> response, List<String> problems) {
        Optional<String> value = response.headers().firstValue(name);
        if (value.isEmpty()) {
            if (header.getBoolean("required", false)) {
                problems.add("no header " + name);
            }
            return;
        }
        JsonObject schema = resolve(header.getJsonObject("schema"));
        checkValue(name, schema, schema.getString("type").equals("integer") && value.get().matches("-?\\d+")
                ? Json.createValue(new BigInteger(value.get())) : Json.createValue(value.get()), problems);
    }

    private void checkBody(String type, JsonObject schema, String body, List<String> problems) {
        if (!type.endsWith("json")) {
            if (body.isEmpty()) {
                problems.add("an empty body, documented " + type);
            }
            return;
        }
        JsonValue json;
        try {
            json = Json.createReader(new StringReader(body)).readValue();
        } catch (RuntimeException e) {
            problems.add("body is not JSON: " + body);
            return;
        }
        checkValue("body", schema, json, problems);
    }

    private void checkValue(String where, JsonObject schema, JsonValue value, List<String> problems) {
        String type = schema.getString("type", null);
        if ("object".equals(type)) {
            checkObject(where, schema, value, problems);
        } else if ("integer".equals(type)) {
            if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
                problems.add(where + " is not an integer: " + value);
            } else if (schema.containsKey("minimum")
                    && n.bigDecimalValue().compareTo(schema.getJsonNumber("minimum").bigDecimalValue()) < 0) {
                problems.add(where + " is below its minimum: " + value);
            }
        } else if ("string".equals(type)) {
            if (!(value instanceof JsonString s)) {
                problems.add(where + " is not a string: " + value);
            } else {
                checkString(where, schema, s.getString(), problems);
            }
        }
    }

    private void checkObject(String where, JsonObject schema, JsonValue value, List<String> problems) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.add(where + " is not an object: " + value);
            return;
        }
        JsonObject object = value.asJsonObject();
        JsonObject properties = schema.containsKey("properties") ? schema.getJsonObject("properties") : JsonValue.EMPTY_JSON_OBJECT;
        if (schema.containsKey("required")) {
            schema.getJsonArray("required").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .filter(name -> !object.containsKey(name)).forEach(name -> problems.add(where + " has no " + name));
        }
        object.forEach((name, property) -> {
            if (properties.containsKey(name)) {
                checkValue(where + "." + name, resolve(properties.getJsonObject(name)), property, problems);
            } else if (schema.get("additionalProperties") instanceof JsonObject additional) {
                checkValue(where + "." + name, resolve(additional), property, problems);
            } else if (schema.get("additionalProperties") == JsonValue.FALSE) {
                problems.add(where + "." + name + " is not documented");
            }
        });
    }

    private static void checkString(String where, JsonObject schema, String text, List<String> problems) {
        if (schema.containsKey("pattern") && !Pattern.compile(schema.getString("pattern")).matcher(text).find()) {
            problems.add(where + " '" + text + "' does not match " + schema.getString("pattern"));
        }
        if ("uuid".equals(schema.getString("format", null))) {
            try {
                UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                problems.add(where + " '" + text + "' is not a UUID");
            }
        }
    }

    /** What SnakeYAML read (maps, lists, strings, numbers, booleans, null) as JSON-P. */
    static JsonValue toJson(Object yaml) {
        if (yaml instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, value) -> object.add(String.valueOf(key), toJson(value)));
            return object.build();
        } else if (yaml instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(value -> array.add(toJson(value)));
            return array.build();
        } else if (yaml instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (yaml instanceof Integer || yaml instanceof Long || yaml instanceof BigInteger) {
            return Json.createValue(new BigInteger(yaml.toString()));
        } else if (yaml instanceof Number n) {
            return Json.createValue(new BigDecimal(n.toString()));
        } else if (yaml == null) {
            return JsonValue.NULL;
        }
        return Json.createValue(yaml.toString());
    }
}
