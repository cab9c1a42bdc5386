package io.mayhem.restart;

import io.mayhem.configuration.HttpHeader;
import io.mayhem.request.RestartRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Restarts a host by asking a web service ({@code mayhem.restarter=http}): a {@code POST} of the request as JSON
 * ({@code {"message_id", "instance_name", "hostname"}}) to the configured URL, with the configured header if any,
 * through the JDK's asynchronous HTTP client. A 2xx answer means restarted; a 5xx answer or a failed exchange
 * (connection refused, reset, the client's own timeout) fails the attempt ({@link RestartFailed}, retried); any
 * other answer (4xx, or a redirect, which is not followed) is a refusal that a retry would not change
 * ({@link RestartRejected}). Reasons quote the start of the body. Cancelling the attempt aborts the exchange.
 */
public final class HttpHostRestarter implements HostRestarter {

    private final HttpClient client;
    private final URI url;
    private final HttpHeader header;

    /**
     * @param client the client (connection timeout, no redirects followed)
     * @param url where to POST
     * @param header sent with every request; null for none
     */
    public HttpHostRestarter(HttpClient client, URI url, HttpHeader header) {
        this.client = client;
        this.url = url;
        this.header = header;
    }

    @Override
    public CompletableFuture<Void> restart(RestartRequest request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(request), StandardCharsets.UTF_8));
        if (header != null) {
            post.setHeader(header.name(), header.value());
        }
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(post.build(), BodySample.handler());
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = Restarts.unwrap(error);
                attempt.completeExceptionally(new RestartFailed(describe(request) + " failed: "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
            } else if (response.statusCode() / 100 == 2) {
                attempt.complete(null);
            } else {
                String reason = describe(request) + " answered " + response.statusCode()
                        + (response.body().isEmpty() ? "" : ": " + response.body());
                attempt.completeExceptionally(response.statusCode() >= 500 ? new RestartFailed(reason)
                        : new RestartRejected(reason));
            }
        });
        attempt.whenComplete((ignored, error) -> {
            if (attempt.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return attempt;
    }

    /** {@code POST to <url>}, the URL without user info or query, which may hold secrets. */
    @Override
    public String describe(RestartRequest request) {
        return "POST to " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath();
    }

    /** The request as the JSON object the service's own decoder reads, plus the hostname. */
    static String json(RestartRequest request) {
        return "{\"message_id\":" + string(request.messageId()) + ",\"instance_name\":" + string(request.instanceName())
                + ",\"hostname\":" + string(request.hostname()) + "}";
    }

    private static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
