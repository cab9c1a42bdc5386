package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.request.RestartRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {

    RequestDecoder decoder = new RequestDecoder("example.net", 200);

    @Test
    void decodesAValidRequestAndIgnoresUnknownFields() {
        Decoded decoded = decoder.decode(Delivery.text("ID:1",
                "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"cattle-1a2b\", \"extra\": [1]}"));

        assertThat(decoded.isRejected()).isFalse();
        RestartRequest request = decoded.request();
        assertThat(request.messageId()).isEqualTo("6f1c6a2e-0000-4000-8000-000000000001");
        assertThat(request.hostname()).isEqualTo("cattle-1a2b.example.net");
        assertThat(request).hasToString("PubSubMessage(instance_name=cattle-1a2b)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json                                                                  | not JSON",
            "[1, 2]                                                                    | not a JSON object: array",
            "`\"text\"`                                                                | not a JSON object: string",
            "{\"instance_name\": \"cattle-1a2b\"}                                      | message_id is missing",
            "{\"message_id\": null, \"instance_name\": \"cattle-1a2b\"}                | message_id is null",
            "{\"message_id\": \" \", \"instance_name\": \"cattle-1a2b\"}               | message_id is blank",
            "{\"message_id\": 7, \"instance_name\": \"cattle-1a2b\"}                   | message_id is not a string but number",
            "{\"message_id\": \"abc\", \"instance_name\": \"cattle-1a2b\"}             | message_id is not a UUID",
            "{\"message_id\": \"6F1C6A2E-0000-4000-8000-00000000000\", \"instance_name\": \"c\"}   | message_id is not a UUID",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": true}     | instance_name is not a string but true",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"bad-\"}  | instance_name is not a host label",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"\\u0007bell\"}  | instance_name is not a host label (1-63 of [A-Za-z0-9-], no leading or trailing '-'): '\\u0007bell'",
            "{\"message_id\": [1], \"instance_name\": \"cattle-1a2b\"}                  | message_id is not a string but array",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"} | instance_name is not a host label",
            "{                                                                         | not JSON",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\"}                | instance_name is missing",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"-bad\"}  | instance_name is not a host label",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"a b\"}   | instance_name is not a host label",
            "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"cattle-1a2b\"} trailing | not JSON",
    })
    void rejectsPoisonWithASpecificReason(String text, String reason) {
        assertThat(decoder.decode(Delivery.text("ID:1", text)).rejection()).startsWith(reason);
    }

    @Test
    void rejectsNonTextMessagesWithoutLookingInside() {
        assertThat(decoder.decode(Delivery.notText("ID:1", "ObjectMessage")).rejection())
                .isEqualTo("not a text message: ObjectMessage");
    }

    @Test
    void rejectsAnUnreadableMessageWithWhatReadingItThrewEscapedAndClipped() {
        Delivery unreadable = Delivery.unreadable("ID:1", "TextMessage",
                new IllegalStateException("bad \uD800\n" + "x".repeat(400)));

        String reason = decoder.decode(unreadable).rejection();

        assertThat(reason).startsWith("unreadable message: java.lang.IllegalStateException: bad \\uD800\\u000A")
                .endsWith("...");
        assertThat(reason.length()).isLessThan(300);
    }

    @Test
    void rejectsPayloadsOverTheLimit() {
        String big = "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"cattle-1a2b\", \"pad\": \""
                + "x".repeat(200) + "\"}";
        assertThat(decoder.decode(Delivery.text("ID:1", big)).rejection()).contains("over the limit of 200 bytes");
    }

    @Test
    void acceptsAPayloadOfExactlyTheLimit() {
        String start = "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"cattle-1a2b\", \"pad\": \"";
        String exact = start + "x".repeat(200 - start.length() - 2) + "\"}";

        assertThat(exact).hasSize(200);
        assertThat(decoder.decode(Delivery.text("ID:1", exact)).isRejected()).isFalse();
    }

    @Test
    void rejectsEmptyText() {
        assertThat(decoder.decode(Delivery.text("ID:1", "")).rejection()).isEqualTo("empty text message");
        assertThat(decoder.decode(Delivery.text("ID:1", null)).rejection()).isEqualTo("empty text message");
        assertThat(Delivery.text("ID:1", null).payloadSample()).isEqualTo("(empty text message)");
    }

    @Test
    void keepsOnlyTheFirstKibibyteOfAPayloadForTheDeadLetter() {
        assertThat(Delivery.text("ID:1", "y".repeat(5000)).payloadSample()).hasSize(1024);
        assertThat(Delivery.text("ID:1", "y".repeat(1024)).payloadSample()).hasSize(1024);
        assertThat(Delivery.text("ID:1", "y".repeat(1025)).payloadSample()).hasSize(1024);
        assertThat(Delivery.notText("ID:1", "BytesMessage").payloadSample()).isEqualTo("(BytesMessage)");
    }

    @Test
    void aUuidIsOneRequestWhateverItsLetterCase() {
        Decoded upper = decoder.decode(Delivery.text("ID:1",
                "{\"message_id\": \"52E99CF3-CA01-5D17-928B-F6ADFCFD733D\", \"instance_name\": \"cattle-ca5e\"}"));

        assertThat(upper.request().messageId()).isEqualTo("52e99cf3-ca01-5d17-928b-f6adfcfd733d");
        assertThat(decoder.decode(Delivery.text("ID:2",
                "{\"message_id\": \"52E99CF3-CA01-5D17-928B-F6ADFCFD733D\", \"instance_name\": \"-bad\"}")).messageId())
                .as("a rejection names the id in its one spelling too").isEqualTo("52e99cf3-ca01-5d17-928b-f6adfcfd733d");
    }

    @Test
    void aPayloadSampleIsWellFormedEvenWhereTheCutFallsInsideAPair() {
        String sample = Delivery.text("ID:1", "y".repeat(1023) + "\uD83D\uDC12tail").payloadSample();

        assertThat(sample).isEqualTo("y".repeat(1023));
        assertThat(Delivery.text("ID:1", "{\"a\": \"\uD800\n\"}").payloadSample()).isEqualTo("{\"a\": \"\\uD800\\u000A\"}");
        assertThat(Delivery.text("ID:\uDC00\u0000", "x").safeJmsMessageId()).isEqualTo("ID:\\uDC00\\u0000");
        assertThat(Delivery.text(null, "x").safeJmsMessageId()).isEqualTo("null");
    }
}
