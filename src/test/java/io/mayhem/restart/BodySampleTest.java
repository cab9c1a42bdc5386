package io.mayhem.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodySampleTest {

    static String sample(String body) {
        BodySample sample = new BodySample();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sample.onNext(List.of(ByteBuffer.wrap(bytes, 0, bytes.length / 2), ByteBuffer.wrap(bytes, bytes.length / 2,
                bytes.length - bytes.length / 2)));
        sample.onComplete();
        return sample.getBody().toCompletableFuture().join();
    }

    @Test
    void keepsTheFirst512BytesCutToWholeCharactersAndEscaped() {
        assertThat(sample("denied\n")).isEqualTo("denied");
        assertThat(sample("a\u0007b")).isEqualTo("a\\u0007b");
        assertThat(sample("x".repeat(600))).isEqualTo("x".repeat(512));
        assertThat(sample("\u00e9".repeat(300))).isEqualTo("\u00e9".repeat(256));
        assertThat(sample("x" + "\u00e9".repeat(300))).isEqualTo("x" + "\u00e9".repeat(255));
        assertThat(sample("xy" + "\u20ac".repeat(300))).isEqualTo("xy" + "\u20ac".repeat(170));
        assertThat(sample("x" + "\uD83D\uDE00".repeat(200))).isEqualTo("x" + "\uD83D\uDE00".repeat(127));
    }

    @Test
    void aBrokenBodyFailsTheSample() {
        BodySample sample = new BodySample();
        sample.onError(new IOException("reset"));

        assertThat(sample.getBody().toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().withMessage("reset");
    }
}
