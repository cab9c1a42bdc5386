package io.mayhem.restart;

import io.mayhem.request.InputText;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The start of a response body, for a reason: the first {@link #LIMIT} bytes kept, the rest read and dropped, so a
 * large answer costs no memory. Its text is UTF-8, cut to whole characters and escaped to one line.
 */
final class BodySample implements HttpResponse.BodySubscriber<String> {

    static final int LIMIT = 512;

    private final byte[] kept = new byte[LIMIT];
    private int size;
    private final CompletableFuture<String> text = new CompletableFuture<>();

    /** A handler that samples every response's body. */
    static HttpResponse.BodyHandler<String> handler() {
        return info -> new BodySample();
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), LIMIT - size);
            buffer.get(kept, size, take);
            size += take;
        }
    }

    @Override
    public void onError(Throwable error) {
        text.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        int end = size;
        if (size == LIMIT) {
            while (end > 0 && (kept[end - 1] & 0xC0) == 0x80) {
                end--;
            }
            if (end > 0 && (kept[end - 1] & 0x80) != 0) {
                end--;
            }
        }
        text.complete(InputText.escape(new String(kept, 0, end, StandardCharsets.UTF_8).strip()));
    }
}
