package io.mayhem.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.monitoring.StatsKey;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** META-INF/openapi.yaml against the code: every HTTP operation of the WAR documented, and nothing else. */
class OpenApiDocumentTest {

    ApiDocument file = ApiDocument.ofFile();

    @Test
    void documentsEveryOperationOfTheWarsResourcesAndServletsAndNoOther() throws Exception {
        Set<String> documented = file.answers().stream().map(a -> a.method() + " " + a.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).isEqualTo(operationsInTheCode()).contains("GET /api/stats", "POST /api/restarts",
                "GET /metrics");
    }

    @Test
    void theStatsSchemaNamesEveryKeyOfGetApiStats() {
        JsonObject stats = file.json().getJsonObject("components").getJsonObject("schemas").getJsonObject("Stats");

        assertThat(stats.getJsonObject("properties").keySet())
                .containsExactlyInAnyOrder(Arrays.stream(StatsKey.values()).map(StatsKey::key).toArray(String[]::new));
        assertThat(stats.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).isSubsetOf(stats.getJsonObject("properties").keySet());
    }

    @Test
    void theOperatorApiDocumentsItsStatusesBasicAuthenticationAndItsHeaders() {
        assertThat(file.answers()).filteredOn(a -> a.path().equals("/api/restarts")).extracting(ApiDocument.Answer::status)
                .containsExactly(202, 400, 401, 403, 404, 429);
        JsonObject post = file.json().getJsonObject("paths").getJsonObject("/api/restarts").getJsonObject("post");
        assertThat(post.getJsonArray("security").getJsonObject(0).keySet()).containsExactly("basicAuth");
        assertThat(file.json().getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basicAuth")
                .getString("scheme")).isEqualTo("basic");
        assertThat(file.response(answer(401)).getJsonObject("headers").keySet()).containsExactly("WWW-Authenticate");
        assertThat(file.response(answer(429)).getJsonObject("headers").getJsonObject("Retry-After")
                .getJsonObject("schema").getString("type")).isEqualTo("integer");
    }

    @Test
    void everyResponseIsDescribedAndEverySchemaReferenceResolves() {
        for (ApiDocument.Answer answer : file.answers()) {
            JsonObject response = file.response(answer);
            assertThat(response.getString("description", "")).as(answer.toString()).isNotBlank();
            if (response.containsKey("content")) {
                response.getJsonObject("content").values().forEach(media ->
                        assertThat(file.resolve(media.asJsonObject().getJsonObject("schema")).getString("type"))
                                .as(answer.toString()).isIn("object", "string"));
            }
        }
    }

    @Test
    void everySchemaUsesOnlyTheKeywordsOfOpenApiSchemas() {
        Set<String> keywords = Set.of("type", "format", "description", "pattern", "example", "minimum", "maximum",
                "required", "properties", "additionalProperties", "items", "enum", "$ref");
        file.json().getJsonObject("components").getJsonObject("schemas").forEach((name, schema) -> {
            assertThat(schema.asJsonObject().keySet()).as(name).isSubsetOf(keywords);
            schema.asJsonObject().getJsonObject("properties").forEach((property, inner) ->
                    assertThat(inner.asJsonObject().keySet()).as(name + "." + property).isSubsetOf(keywords));
        });
    }

    @Test
    void aRealAnswerMatchesWhenItIsAsDocumented() {
        assertThat(file.mismatches(answer(429), response(429, "{\"reason\": \"over the rate\"}",
                Map.of("Content-Type", "application/json", "Retry-After", "7")))).isEmpty();
        assertThat(file.mismatches(answer(202), response(202, "{\"message_id\": \"" + java.util.UUID.randomUUID() + "\"}",
                Map.of("Content-Type", "application/json;charset=UTF-8")))).isEmpty();
        assertThat(file.mismatches(new ApiDocument.Answer("GET", "/api/stats", 200), response(200,
                "{\"published\": 1, \"received\": 1, \"saved\": 1, \"restarted\": 1, \"restart_retries\": 0, \"failed\": 0,"
                        + " \"acked\": 1, \"dead_lettered\": 0, \"extended\": 2, \"in_flight\": 0, \"handling_ms_p50\": 5,"
                        + " \"handling_ms_p95\": 5, \"handling_ms_p99\": 5, \"added_later\": 3}",
                Map.of("Content-Type", "application/json")))).isEmpty();
        assertThat(file.mismatches(answer(403), response(403, "<html>forbidden</html>", Map.of("Content-Type", "text/html"))))
                .as("no content documented: any body").isEmpty();
    }

    @Test
    void aRealAnswerDoesNotMatchWhenItDiffers() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertThat(file.mismatches(answer(429), response(503, "{}", json))).singleElement().asString().startsWith("status 503");
        assertThat(file.mismatches(answer(429), response(429, "{\"reason\": \"x\"}", json)))
                .containsExactly("no header Retry-After");
        assertThat(file.mismatches(answer(429), response(429, "{\"reason\": \"x\"}", Map.of("Content-Type",
                "application/json", "Retry-After", "0")))).containsExactly("Retry-After is below its minimum: 0");
        assertThat(file.mismatches(answer(429), response(429, "{\"why\": 1}", Map.of("Content-Type", "text/plain",
                "Retry-After", "soon")))).containsExactly("Retry-After is not an integer: \"soon\"",
                "Content-Type text/plain, documented [application/json]");
        assertThat(file.mismatches(answer(400), response(400, "{\"reason\": 42}", json)))
                .containsExactly("body.reason is not a string: 42");
        assertThat(file.mismatches(answer(202), response(202, "{\"message_id\": \"42\"}", json)))
                .containsExactly("body.message_id '42' is not a UUID");
        assertThat(file.mismatches(answer(401), response(401, "", Map.of("WWW-Authenticate", "Bearer"))))
                .singleElement().asString().startsWith("WWW-Authenticate 'Bearer' does not match");
        assertThat(file.mismatches(answer(400), response(400, "not json", json))).containsExactly("body is not JSON: not json");
    }

    /** GET and POST ... of every JAX-RS resource and servlet among the compiled application classes. */
    static Set<String> operationsInTheCode() throws IOException, ClassNotFoundException {
        Set<String> operations = new TreeSet<>();
        String api = "/" + RestApplication.class.getAnnotation(ApplicationPath.class).value();
        for (Class<?> type : applicationClasses()) {
            jakarta.ws.rs.Path resource = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (resource != null) {
                for (Method method : type.getDeclaredMethods()) {
                    httpMethod(method).ifPresent(verb -> {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        operations.add(verb + " " + api + "/" + resource.value() + (sub == null ? "" : "/" + sub.value()));
                    });
                }
            }
            WebServlet servlet = type.getAnnotation(WebServlet.class);
            if (servlet != null) {
                for (String pattern : Stream.concat(Arrays.stream(servlet.value()), Arrays.stream(servlet.urlPatterns())).toList()) {
                    Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().matches("do[A-Z][a-z]+"))
                            .forEach(m -> operations.add(m.getName().substring(2).toUpperCase() + " " + pattern));
                }
            }
        }
        return operations;
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    private static List<Class<?>> applicationClasses() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<String> names;
        try (Stream<Path> files = Files.walk(classes.resolve("io/mayhem"))) {
            names = files.map(classes::relativize).map(Path::toString).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
        }
        List<Class<?>> types = new java.util.ArrayList<>();
        for (String name : names) {
            types.add(Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader()));
        }
        return types;
    }

    private static ApiDocument.Answer answer(int status) {
        return new ApiDocument.Answer("POST", "/api/restarts", status);
    }

    private static HttpResponse<String> response(int status, String body, Map<String, String> headers) {
        HttpHeaders httpHeaders = HttpHeaders.of(headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (k, v) -> true);
        return new HttpResponse<>() {
            @Override public int statusCode() { return status; }
            @Override public HttpRequest request() { return HttpRequest.newBuilder(URI.create("http://localhost/")).build(); }
            @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
            @Override public HttpHeaders headers() { return httpHeaders; }
            @Override public String body() { return body; }
            @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }
            @Override public URI uri() { return URI.create("http://localhost/"); }
            @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        };
    }
}
