package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

public class PasswordHashTest {

    // made with the Python line of docs/operations.md "Manual restarts": hashlib.pbkdf2_hmac("sha256", password, salt, 10000)
    public static final String CORRECT_HORSE = "PBKDF2WithHmacSHA256:10000:MDEyMzQ1Njc4OWFiY2RlZg==:TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRc=";
    static final String UMLAUTS = "PBKDF2WithHmacSHA256:10000:ZmVkY2JhOTg3NjU0MzIxMA==:1W+p/yMbWa9jeF/gwF8pX5E/eD9SRrQ6LDEm9FCel9Y=";
    static final String SHORT_HASH = "I23vtB95dvo1jFd+0KHe3A==";
    static final String EMPTY = "PBKDF2WithHmacSHA256:10000:MDEyMzQ1Njc4OWFiY2RlZg==:A+Kl2KqM2ytlB/yjbAw4Eor6bzl5O2TCzHaMOMMyPaQ=";

    @Test
    void acceptsThePasswordPythonHashedAndNoOther() {
        PasswordHash hash = PasswordHash.parse(CORRECT_HORSE);

        assertThat(hash.matches("correct horse")).isTrue();
        assertThat(hash.matches("correct horse ")).isFalse();
        assertThat(hash.matches("Correct horse")).isFalse();
        assertThat(hash.matches("")).isFalse();
    }

    @Test
    void hashesTheUtf8BytesOfThePasswordAsPythonDoes() {
        assertThat(PasswordHash.parse(UMLAUTS).matches("pässwörd")).isTrue();
        assertThat(PasswordHash.parse(UMLAUTS).matches("passwoerd")).isFalse();
    }

    @Test
    void anEmptyPasswordHashesLikeAnyOther() {
        assertThat(PasswordHash.parse(EMPTY).matches("")).isTrue();
        assertThat(PasswordHash.parse(EMPTY).matches(" ")).isFalse();
    }

    @Test
    void derivesAsManyBytesAsTheStoredHashHas() {
        // hashlib.pbkdf2_hmac("sha256", b"correct horse", b"01234567", 10000, dklen=16): the shortest salt and hash
        PasswordHash shortest = PasswordHash.parse("PBKDF2WithHmacSHA256:10000:MDEyMzQ1Njc=:" + SHORT_HASH);

        assertThat(shortest.matches("correct horse")).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA256:10000:MDEyMzQ1Njc4OWFiY2RlZg==",
            "PBKDF2WithHmacSHA1:10000:MDEyMzQ1Njc4OWFiY2RlZg==:TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRc=",
            "PBKDF2WithHmacSHA256:10000:MDEyMzQ1Njc4OWFiY2RlZg==:TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRc=:x"})
    void refusesTextNotOfTheForm(String text) {
        assertThatThrownBy(() -> PasswordHash.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not of the form PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "many|MDEyMzQ1Njc4OWFiY2RlZg==|TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRc=",
            "10000|not*base64|TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRc=",
            "10000|MDEyMzQ1Njc4OWFiY2RlZg==|TI2grtvV1HW5nz2rBY4t!!"})
    void refusesIterationsThatAreNotANumberAndSaltOrHashNotBase64(String iterations, String salt, String hash) {
        assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:" + iterations + ":" + salt + ":" + hash))
                .hasMessage("iterations must be a number and salt and hash Base64");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "9999 iterations|9999|MDEyMzQ1Njc=|" + SHORT_HASH,
            "a salt of 7 bytes|10000|MDEyMzQ1Ng==|" + SHORT_HASH,
            "a hash of 15 bytes|10000|MDEyMzQ1Njc=|AAAAAAAAAAAAAAAAAAAA"})
    void refusesWeakParametersWithoutRepeatingTheHash(String name, String iterations, String salt, String hash) {
        assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:" + iterations + ":" + salt + ":" + hash))
                .hasMessage("needs at least 10000 iterations, a salt of 8 bytes and a hash of 16 bytes")
                .message().doesNotContain(hash);
    }
}
