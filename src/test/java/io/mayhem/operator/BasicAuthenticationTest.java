package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

public class BasicAuthenticationTest {

    BasicAuthentication basic = new BasicAuthentication(Callers.parse("ops:operator:" + PasswordHashTest.CORRECT_HORSE
            + ",colon:viewer:" + PasswordHashTest.EMPTY));

    @Test
    void authenticatesTheCallerOfValidCredentials() {
        assertThat(basic.disabled()).isFalse();
        assertThat(basic.authenticate(basic("ops:correct horse")))
                .contains(new Callers.Caller("ops", Set.of("operator")));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSpaceAroundTheCredentialsIsIgnored() {
        String encoded = Base64.getEncoder().encodeToString("ops:correct horse".getBytes(StandardCharsets.UTF_8));

        assertThat(basic.authenticate("bAsIc " + encoded + " ")).isPresent();
    }

    @Test
    void thePasswordIsEverythingAfterTheFirstColon() {
        assertThat(basic.authenticate(basic("colon:"))).isPresent();
        assertThat(basic.authenticate(basic("ops:correct horse:"))).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", "Basic", "Bearer b3BzOmNvcnJlY3QgaG9yc2U=", "Basicb3BzOmNvcnJlY3QgaG9yc2U=",
            "Basic not-base64!", "Basic b3BzY29ycmVjdCBob3JzZQ==" /* ops correct horse: no colon */,
            "Basic b3BzOndyb25n" /* ops:wrong */, "Basic bm9ib2R5OmNvcnJlY3QgaG9yc2U=" /* nobody:correct horse */})
    void missingMalformedOrWrongCredentialsAuthenticateNobody(String header) {
        assertThat(basic.authenticate(header)).isEmpty();
    }

    @Test
    void withoutCallersItIsDisabled() {
        assertThat(new BasicAuthentication(Callers.parse(null)).disabled()).isTrue();
    }

    @Test
    void anEmptyNameIsStillCredentialsAndOnlyAMissingColonIsMalformed() {
        assertThat(basic.credentials(basic(":secret"))).hasValue(new BasicAuthentication.Credentials("", "secret"));
        assertThat(basic.credentials(basic("ops:"))).hasValue(new BasicAuthentication.Credentials("ops", ""));
        assertThat(basic.credentials(basic("no colon"))).isEmpty();
        assertThat(new BasicAuthentication.Credentials("ops", "secret")).hasToString("Credentials(ops)");
    }

    public static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
