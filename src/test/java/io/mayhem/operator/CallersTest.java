package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallersTest {

    static final String HASH = PasswordHashTest.CORRECT_HORSE;
    static final String OTHER_HASH = PasswordHashTest.UMLAUTS;

    @Test
    void authenticatesEachCallerWithItsOwnPasswordAndGroups() {
        Callers callers = Callers.parse("ops:operator+auditor:" + HASH + ", viewer::" + OTHER_HASH);

        assertThat(callers.isEmpty()).isFalse();
        assertThat(callers.authenticate("ops", "correct horse"))
                .contains(new Callers.Caller("ops", Set.of("operator", "auditor")));
        assertThat(callers.authenticate("viewer", "pässwörd")).contains(new Callers.Caller("viewer", Set.of()));
        assertThat(callers.authenticate("viewer", "correct horse")).isEmpty();
        assertThat(callers.authenticate("ops", "pässwörd")).isEmpty();
        assertThat(callers.authenticate("nobody", "correct horse")).isEmpty();
        assertThat(callers.authenticate("OPS", "correct horse")).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", "  "})
    void nothingConfiguredMeansNobody(String spec) {
        Callers callers = Callers.parse(spec);

        assertThat(callers.isEmpty()).isTrue();
        assertThat(callers.authenticate("ops", "correct horse")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no hash|ops:operator|entry 1: not of the form <name>:<groups>:<hash>",
            "empty entry|ops:operator:HASH,|entry 2: not of the form <name>:<groups>:<hash>",
            "empty name|:operator:HASH|entry 1: the name must be 1-64 of [A-Za-z0-9._@-]",
            "name with a space|o p:operator:HASH|entry 1: the name must be 1-64 of [A-Za-z0-9._@-]",
            "name of 65|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:operator:HASH|entry 1: the name must be",
            "empty group|ops:operator+:HASH|entry 1: a group must be 1-64 of [A-Za-z0-9._@-], groups separated by '+'",
            "group with a comma-free odd char|ops:oper/ator:HASH|entry 1: a group must be",
            "twice|ops:operator:HASH,ops::HASH|entry 2: user 'ops' is there twice",
            "plain text password|ops:operator:secret|entry 1: password hash not of the form"})
    void refusesABadEntryNamingItsNumber(String name, String spec, String message) {
        assertThatThrownBy(() -> Callers.parse(spec.replace("HASH", HASH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mayhem.api.users " + message)
                .message().doesNotContain("secret").doesNotContain(HASH.substring(30));
    }

    @Test
    void acceptsNamesAndGroupsOfSixtyFourCharacters() {
        String name = "a".repeat(64);

        Callers callers = Callers.parse(name + ":" + name + ":" + HASH);

        assertThat(callers.authenticate(name, "correct horse")).contains(new Callers.Caller(name, Set.of(name)));
    }
}
