package io.mayhem.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.web.ApiDocument;
import io.mayhem.web.ApiDocument.Answer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document Payara Micro serves at /openapi, against the real answers of the built WAR: the document is
 * the WAR's META-INF/openapi.yaml with nothing generated beside it, and every status it documents is provoked and
 * checked (headers, content type, body). Callers and a rate of 3 a minute come from arquillian.xml (as in
 * ManualRestartIT). To document a new path: add it to openapi.yaml, and one case per status to {@link #cases()}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR = basic("it-operator", "it-operator-password");
    private static final String VIEWER = basic("it-viewer", "it-viewer-password");
    /** Documented answers provoked elsewhere, with where. */
    static final Map<Answer, String> ELSEWHERE = Map.of(
            new Answer("POST", "/api/restarts", 404), "io.mayhem.system.RunCommandEndpointsIT: a server without mayhem.api.users",
            new Answer("POST", "/api/chaos/pause", 404), "io.mayhem.system.RunCommandEndpointsIT: a server without mayhem.api.users",
            new Answer("POST", "/api/chaos/resume", 404), "io.mayhem.system.RunCommandEndpointsIT: a server without mayhem.api.users");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BuiltWar.asRoot();
    }

    /** How to provoke each documented answer here, in the order they run (the 429 of the rate last). */
    Map<Answer, Provocation> cases() {
        Map<Answer, Provocation> cases = new LinkedHashMap<>();
        cases.put(new Answer("GET", "/api/stats", 200), () -> List.of(get("api/stats", "application/json")));
        cases.put(new Answer("GET", "/metrics", 200), () -> List.of(get("metrics", "text/plain"),
                get("metrics", "application/openmetrics-text; version=1.0.0")));
        cases.put(new Answer("POST", "/api/restarts", 400), () -> List.of(restart(OPERATOR, "{\"name\": \"cattle-1\"}"),
                restart(OPERATOR, "not json"), restart(OPERATOR, "{\"instance_name\": \"" + "x".repeat(5000) + "\"}")));
        cases.put(new Answer("POST", "/api/restarts", 401), () -> List.of(restart(null, body("cattle-anon")),
                restart(basic("it-operator", "wrong"), body("cattle-anon"))));
        cases.put(new Answer("POST", "/api/restarts", 403), () -> List.of(restart(VIEWER, body("cattle-viewer"))));
        cases.put(new Answer("POST", "/api/restarts", 202), () -> List.of(restart(OPERATOR, body("cattle-openapi"))));
        cases.put(new Answer("POST", "/api/restarts", 429), () -> List.of(pastTheRate()));
        cases.put(new Answer("GET", "/api/chaos", 200), () -> List.of(get("api/chaos", "application/json")));
        for (String change : List.of("pause", "resume")) {
            String path = "/api/chaos/" + change;
            cases.put(new Answer("POST", path, 401), () -> List.of(post(path, null), post(path, basic("it-operator", "wrong"))));
            cases.put(new Answer("POST", path, 403), () -> List.of(post(path, VIEWER)));
        }
        // paused, then resumed at once: the other tests on this server need restarts to go on
        cases.put(new Answer("POST", "/api/chaos/pause", 200), () -> List.of(post("/api/chaos/pause", OPERATOR)));
        cases.put(new Answer("POST", "/api/chaos/resume", 200), () -> List.of(post("/api/chaos/resume", OPERATOR)));
        return cases;
    }

    @Test
    void servesTheWarsDocumentWithNothingGeneratedBesideIt() throws Exception {
        HttpResponse<String> yaml = get("openapi", "text/plain");
        JsonObject served = served().json();
        JsonObject written = ApiDocument.ofFile().json();

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.0.3");
        // Payara adds "endpoints" (its own listing of the paths by context root), never a path, response or schema
        assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(with(written.keySet(), "endpoints"));
        for (String key : written.keySet()) {
            assertThat(served.get(key)).as(key).isEqualTo(written.get(key));
        }
    }

    @Test
    void everyDocumentedAnswerIsTheRealOne() throws Exception {
        ApiDocument document = served();
        Map<Answer, Provocation> cases = cases();
        assertThat(with(cases.keySet(), ELSEWHERE.keySet())).as("a case for every documented answer, and no other")
                .containsExactlyInAnyOrderElementsOf(document.answers());

        List<String> checked = new ArrayList<>();
        for (Map.Entry<Answer, Provocation> entry : cases.entrySet()) {
            for (HttpResponse<String> response : entry.getValue().responses()) {
                assertThat(document.mismatches(entry.getKey(), response)).as(entry.getKey() + " " + response.headers().map())
                        .isEmpty();
                checked.add(entry.getKey() + " (" + response.headers().firstValue("Content-Type").orElse("no content") + ")");
            }
        }
        System.out.println("Checked against /openapi: " + checked + "; elsewhere: " + ELSEWHERE);
    }

    /** One documented answer, provoked: one or more real responses that must all match it. */
    interface Provocation {
        List<HttpResponse<String>> responses() throws Exception;
    }

    /** Accepted requests until the rate of 3 a minute refuses one. */
    private HttpResponse<String> pastTheRate() throws Exception {
        HttpResponse<String> response = null;
        for (int i = 0; i < 5 && (response == null || response.statusCode() == 202); i++) {
            response = restart(OPERATOR, body("cattle-rate" + i));
        }
        return response;
    }

    private ApiDocument served() throws Exception {
        HttpResponse<String> json = get("openapi", "application/json");
        assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
        return ApiDocument.of(json.body());
    }

    private static <T> List<T> with(java.util.Collection<T> some, java.util.Collection<T> more) {
        List<T> all = new ArrayList<>(some);
        all.addAll(more);
        return all;
    }

    private static <T> List<T> with(java.util.Collection<T> some, T more) {
        return with(some, List.of(more));
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> restart(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("api/restarts")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path.substring(1))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }

    private static String body(String instanceName) {
        return "{\"instance_name\": \"" + instanceName + "\"}";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
