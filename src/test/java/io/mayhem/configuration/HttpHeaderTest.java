package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpHeaderTest {

    @Test
    void readsNameAndValueAroundTheFirstColon() {
        assertThat(HttpHeader.parse("Authorization: Bearer a:b=c")).isEqualTo(new HttpHeader("Authorization", "Bearer a:b=c"));
        assertThat(HttpHeader.parse("X-Chaos-Key:k1")).isEqualTo(new HttpHeader("X-Chaos-Key", "k1"));
        assertThat(HttpHeader.parse(null)).isNull();
        assertThat(HttpHeader.parse("  ")).isNull();
    }

    @Test
    void neverShowsTheValue() {
        HttpHeader header = HttpHeader.parse("Authorization: Bearer s3cret");

        assertThat(header).hasToString("Authorization: (hidden)");
        for (String bad : new String[] {"Authorization Bearer s3cret", "Auth orization: s3cret", ": s3cret",
                "Authorization: s3cret\r\nX: y", "Authorization:", "Host: s3cret"}) {
            assertThatThrownBy(() -> HttpHeader.parse(bad)).hasMessageStartingWith("mayhem.restarter.header")
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void refusesAHeaderTheHttpClientSetsItself() {
        assertThatThrownBy(() -> HttpHeader.parse("Content-Length: 3")).hasMessage("mayhem.restarter.header: the JDK's "
                + "HTTP client does not let an application set Content-Length (it sets Host, Connection, Content-Length, "
                + "Expect and Upgrade itself)");
    }
}
