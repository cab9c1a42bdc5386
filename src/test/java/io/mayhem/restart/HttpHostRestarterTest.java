package io.mayhem.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mayhem.configuration.HttpHeader;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.ExecutorScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http restarter against a local HTTP server answering 2xx, 4xx, 5xx, and one that never answers. */
class HttpHostRestarterTest {

    HttpServer server;
    List<String> seen = new CopyOnWriteArrayList<>();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    Stats stats = new Stats(() -> 0);
    RestartRequest request = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "web-1", "example.net");

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/ok", exchange -> answer(exchange, 204, ""));
        server.createContext("/denied", exchange -> answer(exchange, 403, "token expired\n" + "x".repeat(5000)));
        server.createContext("/broken", exchange -> answer(exchange, 503, "restart service overloaded"));
        server.createContext("/moved", exchange -> answer(exchange, 302, ""));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        timer.shutdownNow();
    }

    void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " " + new String(bytes, StandardCharsets.UTF_8));
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    CompletableFuture<Void> restart(URI url, Duration timeout) {
        HostRestarter restarter = new HttpHostRestarter(client, url, new HttpHeader("Authorization", "Bearer s3cret"));
        return new Restarts(restarter, new ExecutorScheduler(timer), stats, 3, Duration.ofMillis(10), timeout)
                .restart(request, Runnable::run);
    }

    @Test
    void postsTheRequestAsJsonWithTheHeaderAndA2xxRestarted() {
        assertThat(restart(url("/ok"), Duration.ofSeconds(30))).succeedsWithin(Duration.ofSeconds(30));

        assertThat(seen).containsExactly("POST /ok application/json Bearer s3cret {\"message_id\":"
                + "\"6f1c6a2e-0000-4000-8000-000000000001\",\"instance_name\":\"web-1\",\"hostname\":\"web-1.example.net\"}");
        assertThat(request.restarted()).isTrue();
    }

    @Test
    void a4xxFailsAtOnceWithoutRetryQuotingTheStartOfTheBody() {
        assertThat(restart(url("/denied"), Duration.ofSeconds(30))).failsWithin(Duration.ofSeconds(30))
                .withThrowableThat().havingCause().isInstanceOf(RestartRejected.class)
                .withMessageStartingWith("POST to " + url("/denied") + " answered 403: token expired\\u000Axxx")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(BodySample.LIMIT + 100));
        assertThat(seen).hasSize(1);
        assertThat(stats.snapshot()).containsEntry("restart_retries", 0L);
    }

    @Test
    void aRedirectIsNotFollowedNorRetried() {
        assertThat(restart(url("/moved"), Duration.ofSeconds(30))).failsWithin(Duration.ofSeconds(30))
                .withThrowableThat().havingCause().isInstanceOf(RestartRejected.class)
                .withMessage("POST to " + url("/moved") + " answered 302");
        assertThat(seen).hasSize(1);
    }

    @Test
    void a5xxIsRetriedUpToMaxAttempts() {
        assertThat(restart(url("/broken"), Duration.ofSeconds(30))).failsWithin(Duration.ofSeconds(30))
                .withThrowableThat().havingCause().isInstanceOf(RestartFailed.class)
                .withMessage("POST to " + url("/broken") + " answered 503: restart service overloaded");
        assertThat(seen).hasSize(3);
        assertThat(stats.snapshot()).containsEntry("restart_retries", 2L);
    }

    @Test
    void aRefusedConnectionIsRetried() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/restart");
        }

        assertThat(restart(closed, Duration.ofSeconds(30))).failsWithin(Duration.ofSeconds(30))
                .withThrowableThat().havingCause().isInstanceOf(RestartFailed.class)
                .withMessageStartingWith("POST to " + closed + " failed: ConnectException");
        assertThat(request.restartAttempts()).isEqualTo(3);
    }

    @Test
    void aServerThatNeverAnswersTimesOutEachAttemptWhichIsAbortedAndRetried() throws IOException {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger closedByClient = new AtomicInteger();
        try (ServerSocket never = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> acceptAndNeverAnswer(never, accepted, closedByClient));
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + never.getLocalPort() + "/restart");

            assertThat(restart(url, Duration.ofMillis(500))).failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat().havingCause().isInstanceOf(RestartFailed.class)
                    .withMessage("Restart of web-1.example.net timed out after 500ms");

            assertThat(request.restartAttempts()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(closedByClient).hasValue(3));
            assertThat(accepted).hasValue(3);
        }
    }

    @Test
    void describesThePostWithoutUserInfoOrQuery() {
        HttpHostRestarter restarter = new HttpHostRestarter(client,
                URI.create("https://ops:pw@chaos.example.net:8443/restart?token=s3cret"), null);

        assertThat(restarter.describe(request)).isEqualTo("POST to https://chaos.example.net:8443/restart");
    }

    @Test
    void escapesTheJsonItSends() {
        RestartRequest odd = new RestartRequest("id\"\\", "a\nb\uD800", "example.net");

        assertThat(HttpHostRestarter.json(odd)).isEqualTo("{\"message_id\":\"id\\\"\\\\\",\"instance_name\":"
                + "\"a\\u000Ab\\uD800\",\"hostname\":\"a\\u000Ab\\uD800.example.net\"}");
        assertThat(HttpHostRestarter.json(new RestartRequest("\uD83D\uDE00", "x", "d"))).contains("\"\uD83D\uDE00\"");
    }

    static void acceptAndNeverAnswer(ServerSocket server, AtomicInteger accepted, AtomicInteger closedByClient) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                Thread reader = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream()) {
                        while (in.read() >= 0) {
                            // the request, then nothing: wait for the client to give up
                        }
                    } catch (IOException e) {
                        // reset by the client: it gave up too
                    }
                    closedByClient.incrementAndGet();
                });
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
