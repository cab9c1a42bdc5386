package io.mayhem.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    static UnaryOperator<String> values(Map<String, String> values) {
        return values::get;
    }

    static final UnaryOperator<String> NONE = values(Map.of());

    @Test
    void textUnlessSet() {
        assertThat(LogFormat.configured(NONE, NONE)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.configured(NONE, values(Map.of("OTHER", "json")))).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void theEnvironmentVariableSetsIt() {
        assertThat(LogFormat.configured(NONE, values(Map.of("MAYHEM_LOG_FORMAT", "json")))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.configured(NONE, values(Map.of("MAYHEM_LOG_FORMAT", " JSON ")))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.configured(NONE, values(Map.of("MAYHEM_LOG_FORMAT", "Text")))).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void theSystemPropertyTakesPrecedence() {
        assertThat(LogFormat.configured(values(Map.of("mayhem.log.format", "text")),
                values(Map.of("MAYHEM_LOG_FORMAT", "json")))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.configured(values(Map.of("mayhem.log.format", "json")), NONE)).isEqualTo(LogFormat.JSON);
    }

    @Test
    void anotherValueIsRefusedNamingTheKeyItCameFrom() {
        assertThatThrownBy(() -> LogFormat.configured(NONE, values(Map.of("MAYHEM_LOG_FORMAT", "jsonl\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MAYHEM_LOG_FORMAT must be text or json, not \"jsonl\\n\"");
        assertThatThrownBy(() -> LogFormat.configured(values(Map.of("mayhem.log.format", "")), NONE))
                .hasMessage("mayhem.log.format must be text or json, not \"\"");
    }

    @Test
    void theProcessIsTextUnlessStartedWithTheSwitch() {
        assertThat(LogFormat.ofProcess()).isEqualTo(LogFormat.configured(System::getProperty, System::getenv));
    }
}
