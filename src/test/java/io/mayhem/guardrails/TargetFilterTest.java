package io.mayhem.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetFilterTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static RestartRequest request(String instanceName) {
        return new RestartRequest("m-1", instanceName, "example.net");
    }

    @Test
    void withoutPatternsEveryNameMayBeRestarted() {
        TargetFilter filter = TargetFilter.parse(null, "  ");

        assertThat(filter.refusal(request("cattle-1"), NOW)).isEmpty();
        assertThat(TargetFilter.all().admits("prod-db-1")).isTrue();
        assertThat(filter).hasToString("include all; exclude none");
    }

    @Test
    void aPatternMustMatchTheWholeNameNotAPartOfIt() {
        TargetFilter filter = TargetFilter.parse("cattle-1", null);

        assertThat(filter.admits("cattle-1")).isTrue();
        assertThat(filter.admits("cattle-10")).isFalse();
        assertThat(filter.admits("old-cattle-1")).isFalse();
        assertThat(filter.refusal(request("cattle-10"), NOW))
                .contains("target filter: cattle-10 does not match mayhem.targets.include (cattle-1)");
    }

    @Test
    void anExcludePatternAlsoMatchesWholeNames() {
        TargetFilter filter = TargetFilter.parse(null, "prod");

        assertThat(filter.admits("prod")).isFalse();
        assertThat(filter.admits("my-prod-db")).isTrue();
        assertThat(TargetFilter.parse(null, ".*prod.*").admits("my-prod-db")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "cattle-7, true",
        "cattle-13, false",
        "pet-1, false",
        "cattle-prod, false"})
    void excludeWinsOverInclude(String name, boolean admitted) {
        TargetFilter filter = TargetFilter.parse(" cattle-.* ", "cattle-1[0-9]|.*-prod");

        assertThat(filter.admits(name)).isEqualTo(admitted);
        assertThat(filter).hasToString("include cattle-.*; exclude cattle-1[0-9]|.*-prod");
    }

    @Test
    void anExcludedNameIsRefusedNamingTheExcludeKey() {
        TargetFilter filter = TargetFilter.parse("cattle-.*", "cattle-1[0-9]");

        assertThat(filter.refusal(request("cattle-13"), NOW))
                .contains("target filter: cattle-13 matches mayhem.targets.exclude (cattle-1[0-9])");
    }

    @Test
    void patternsAreCaseSensitiveUnlessTheyAskOtherwise() {
        assertThat(TargetFilter.parse("cattle-.*", null).admits("Cattle-1")).isFalse();
        assertThat(TargetFilter.parse("(?i)cattle-.*", null).admits("Cattle-1")).isTrue();
    }

    @Test
    void aBadPatternFailsNamingTheKeyAndTheError() {
        assertThatThrownBy(() -> TargetFilter.parse("cattle-[", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mayhem.targets.include: \"cattle-[\" is not a regular expression: "
                        + "Unclosed character class near index 7")
                .hasCauseInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> TargetFilter.parse(null, "*prod"))
                .hasMessage("mayhem.targets.exclude: \"*prod\" is not a regular expression: "
                        + "Dangling meta character '*' near index 0");
    }
}
