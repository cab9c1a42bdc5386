package io.mayhem.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostLabelTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "cattle-1a2b", "A-9", "x23456789012345678901234567890123456789012345678901234567890123"})
    void aHostLabelHasNoProblem(String label) {
        assertThat(HostLabel.problem(label)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-cattle", "cattle-", "cattle.1", "cattle 1", "k\u00e4se",
            "x234567890123456789012345678901234567890123456789012345678901234"})
    void anythingElseIsRefusedQuotingIt(String label) {
        assertThat(HostLabel.problem(label)).isEqualTo("instance_name is not a host label (1-63 of [A-Za-z0-9-], no "
                + "leading or trailing '-'): '" + label + "'");
    }

    @Test
    void theQuoteIsClippedAndEscaped() {
        assertThat(HostLabel.problem("a\n" + "b".repeat(100))).endsWith(": 'a\\u000A" + "b".repeat(78) + "...'");
    }
}
