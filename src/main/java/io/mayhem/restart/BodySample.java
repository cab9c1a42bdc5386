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
        int end = size == LIMIT ? wholeCharacters(kept, size) : size;
        text.complete(InputText.escape(new String(kept, 0, end, StandardCharsets.UTF_8).strip()));
    }

    /** How many of the first {@code size} bytes of UTF-8 end on a whole character: a cut last one is left out. */
    static int wholeCharacters(byte[] bytes, int size) {
        int lead = size - 1;
        while (lead > 0 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int length = (bytes[lead] & 0x80) == 0 ? 1 : (bytes[lead] & 0xE0) == 0xC0 ? 2 : (bytes[lead] & 0xF0) == 0xE0 ? 3 : 4;
        return size - lead < length ? lead : size;
    }
}
