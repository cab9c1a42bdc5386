package io.mayhem.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputTextTest {

    @Test
    void escapesControlsAndUnpairedSurrogatesAndKeepsPairs() {
        assertThat(InputText.escape("a\u0007b\nc")).isEqualTo("a\\u0007b\\u000Ac");
        assertThat(InputText.escape("x\uD800")).isEqualTo("x\\uD800");
        assertThat(InputText.escape("\uDC00x")).isEqualTo("\\uDC00x");
        assertThat(InputText.escape("\uDC12\uD83D")).isEqualTo("\\uDC12\\uD83D");
        assertThat(InputText.escape("ok \uD83D\uDC12 \u00e4")).as("untouched").isEqualTo("ok \uD83D\uDC12 \u00e4");
        assertThat(InputText.escape("\uD83D\uDC12\uD800")).isEqualTo("\uD83D\uDC12\\uD800");
    }

    @Test
    void clipsByCodePointsSoAPairIsNeverCutInHalf() {
        String clipped = InputText.clip("a".repeat(79) + "\uD83D\uDC12" + "b".repeat(10));

        assertThat(clipped).isEqualTo("a".repeat(79) + "\uD83D\uDC12...");
        assertThat(InputText.clip("a".repeat(80))).isEqualTo("a".repeat(80));
        assertThat(InputText.clip("a".repeat(81))).isEqualTo("a".repeat(80) + "...");
    }
}
