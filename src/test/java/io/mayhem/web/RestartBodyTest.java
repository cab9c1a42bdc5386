package io.mayhem.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartBodyTest {

    @Test
    void readsTheInstanceNameAndIgnoresOtherFields() throws IOException {
        assertThat(read("{\"instance_name\": \"cattle-1a2b\", \"message_id\": \"mine\", \"x\": [1]}"))
                .isEqualTo(new RestartBody.Read("cattle-1a2b", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "empty|``|empty body",
            "blank|`  \n`|empty body",
            "not JSON|instance_name=cattle-1|not JSON: ",
            "trailing|{\"instance_name\": \"cattle-1\"} {}|not JSON: ",
            "array|[\"cattle-1\"]|not a JSON object: array",
            "string|\"cattle-1\"|not a JSON object: string",
            "missing|{\"name\": \"cattle-1\"}|instance_name is missing",
            "null|{\"instance_name\": null}|instance_name is null",
            "blank name|{\"instance_name\": \" \"}|instance_name is blank",
            "number|{\"instance_name\": 7}|instance_name is not a string but number",
            "object|{\"instance_name\": {}}|instance_name is not a string but object",
            "dot|{\"instance_name\": \"cattle.1\"}|instance_name is not a host label (1-63 of [A-Za-z0-9-], no leading or trailing '-'): 'cattle.1'",
            "leading dash|{\"instance_name\": \"-cattle\"}|instance_name is not a host label"})
    void refusesABadBodyWithItsReason(String name, String body, String reason) throws IOException {
        RestartBody.Read read = read(body);

        assertThat(read.instanceName()).isNull();
        assertThat(read.problem()).startsWith(reason);
    }

    @Test
    void acceptsABodyOfExactlyTheLimitAndRefusesOneByteMore() throws IOException {
        String prefix = "{\"instance_name\": \"cattle-1\", \"pad\": \"";
        String atLimit = prefix + "x".repeat(RestartBody.MAX_BYTES - prefix.length() - 2) + "\"}";

        assertThat(read(atLimit).instanceName()).isEqualTo("cattle-1");
        assertThat(read(atLimit + " ").problem()).isEqualTo("body over the limit of 4096 bytes");
    }

    @Test
    void readsNoMoreThanOneByteOverTheLimit() throws IOException {
        ByteArrayInputStream huge = new ByteArrayInputStream(new byte[1 << 20]);

        assertThat(RestartBody.read(huge).problem()).isEqualTo("body over the limit of 4096 bytes");
        assertThat(huge.available()).isEqualTo((1 << 20) - 4097);
    }

    @Test
    void refusesNestingDeeperThanTheParserAllows() throws IOException {
        assertThat(read("[".repeat(2000) + "]".repeat(2000)).problem()).startsWith("not JSON: ");
    }

    @Test
    void refusesBytesThatAreNotUtf8() throws IOException {
        byte[] latin1 = "{\"instance_name\": \"cättle\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(RestartBody.read(new ByteArrayInputStream(latin1)).problem()).isEqualTo("body is not UTF-8");
    }

    @Test
    void quotesAnInvalidNameCutAndWithoutControlCharacters() throws IOException {
        String problem = read("{\"instance_name\": \"a\\u0007" + "b".repeat(100) + "\"}").problem();

        assertThat(problem).endsWith(": 'a\\u0007" + "b".repeat(78) + "...'");
    }

    @Test
    void quotesUnpairedSurrogatesEscapedSoTheReasonIsWellFormed() throws IOException {
        String problem = read("{\"instance_name\": \"cattle-\\ud800\\udc00x\\udc00\"}").problem();

        assertThat(problem).endsWith(": 'cattle-\uD800\uDC00x\\uDC00'");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(problem)).isTrue();
    }

    @Test
    void refusesARepeatedKey() throws IOException {
        assertThat(read("{\"instance_name\": \"cattle-a\", \"instance_name\": \"cattle-b\"}").problem())
                .isEqualTo("duplicate key instance_name");
    }

    static RestartBody.Read read(String body) throws IOException {
        return RestartBody.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
