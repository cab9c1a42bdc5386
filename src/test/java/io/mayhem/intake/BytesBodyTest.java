package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.activemq.command.ActiveMQBytesMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A BytesMessage (what STOMP clients send when a frame has a content-length, and AMQP clients for a binary body)
 * is decoded exactly like the same text when its bytes are UTF-8 and its content type, if any, is JSON or text.
 */
class BytesBodyTest {

    static final String VALID = "{\"message_id\": \"6F1C6A2E-0000-4000-8000-000000000001\", \"instance_name\": \"cattle-1a2b\"}";

    RequestDecoder decoder = new RequestDecoder("example.net", 200);

    /** A bytes message as the broker hands it over: these bytes, these string properties, read-only. */
    static ActiveMQBytesMessage bytesMessage(byte[] body, String... properties) throws JMSException {
        ActiveMQBytesMessage message = new ActiveMQBytesMessage();
        message.writeBytes(body);
        for (int i = 0; i < properties.length; i += 2) {
            message.setStringProperty(properties[i], properties[i + 1]);
        }
        message.reset();
        message.setJMSMessageID("ID:bytes");
        return message;
    }

    static ActiveMQBytesMessage utf8(String text, String... properties) throws JMSException {
        return bytesMessage(text.getBytes(StandardCharsets.UTF_8), properties);
    }

    private Decoded decode(BytesMessage message) {
        return decoder.decode(RestartListener.delivery(message));
    }

    @Test
    void aRequestInUtf8BytesIsTheSameRequestAsTheText() throws Exception {
        Decoded fromBytes = decode(utf8(VALID));

        assertThat(fromBytes.isRejected()).isFalse();
        assertThat(fromBytes.request().messageId()).isEqualTo("6f1c6a2e-0000-4000-8000-000000000001");
        assertThat(fromBytes.request().hostname()).isEqualTo("cattle-1a2b.example.net");
        assertThat(RestartListener.delivery(utf8(VALID))).isEqualTo(Delivery.text("ID:bytes", VALID));
    }

    static List<PoisonCorpus.Case> textCases() {
        // every text of the corpus that UTF-8 can carry (an unpaired surrogate has no UTF-8 bytes)
        return PoisonCorpus.cases().stream().filter(c -> c.kind().equals("text"))
                .filter(c -> StandardCharsets.UTF_8.newEncoder().canEncode(c.text())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textCases")
    void everyBadTextOfTheCorpusInUtf8BytesGetsTheSameReasonAsTheText(PoisonCorpus.Case poison) throws Exception {
        RequestDecoder corpusDecoder = new RequestDecoder("example.net", 64 * 1024);
        Delivery bytes = RestartListener.delivery(utf8(poison.text()));
        Delivery text = Delivery.text("ID:bytes", poison.text());

        assertThat(corpusDecoder.decode(bytes).rejection()).startsWith(poison.reason())
                .isEqualTo(corpusDecoder.decode(text).rejection());
        assertThat(bytes.payloadSample()).isEqualTo(text.payloadSample());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "application/json", "application/json; charset=UTF-8", "APPLICATION/JSON;CHARSET=utf8",
            "text/plain", "text/plain;charset=\"utf-8\"", "text/json; format=flowed", "application/vnd.mayhem+json",
            "application/json;charset=utf-8;q=1"})
    void aContentTypeOfJsonOrTextInUtf8OrNoneIsReadAsText(String contentType) throws Exception {
        assertThat(decode(utf8(VALID, "content-type", contentType)).isRejected()).isFalse();
        assertThat(decode(utf8(VALID, "JMS_AMQP_ContentType", contentType)).isRejected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "image/png", "application/xml", "application/jsonx",
            "json", "application/x-java-serialized-object"})
    void anyOtherContentTypeIsNotAText(String contentType) throws Exception {
        String reason = "not a text message: BytesMessage with content type '" + contentType
                + "' (read as a request: none, application/json, application/*+json, text/*)";

        assertThat(decode(utf8(VALID, "content-type", contentType)).rejection()).isEqualTo(reason);
        assertThat(decode(utf8(VALID, "JMS_AMQP_ContentType", contentType)).rejection()).isEqualTo(reason);
        assertThat(RestartListener.delivery(utf8(VALID, "content-type", contentType)).payloadSample())
                .isEqualTo("(BytesMessage with content type '" + contentType
                        + "' (read as a request: none, application/json, application/*+json, text/*))");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=ISO-8859-1", "application/json;charset=utf-16", "text/plain;charset=",
            "text/plain; charset", "application/json; charset=\"us-ascii\""})
    void aCharsetOtherThanUtf8IsNotRead(String contentType) throws Exception {
        assertThat(decode(utf8(VALID, "content-type", contentType)).rejection()).isEqualTo(
                "not a text message: BytesMessage with content type '" + contentType + "' (only UTF-8 is read)");
    }

    @Test
    void theStompHeaderIsTheContentTypeWhenBothAreThere() throws Exception {
        assertThat(decode(utf8(VALID, "content-type", "application/json", "JMS_AMQP_ContentType", "image/png"))
                .isRejected()).isFalse();
        assertThat(decode(utf8(VALID, "content-type", "image/png", "JMS_AMQP_ContentType", "application/json"))
                .rejection()).startsWith("not a text message: BytesMessage with content type 'image/png'");
    }

    @Test
    void aContentTypeIsQuotedEscapedAndClippedInTheReason() throws Exception {
        String contentType = "image/\u0007" + "x".repeat(100);

        String reason = decode(utf8(VALID, "content-type", contentType)).rejection();

        assertThat(reason).startsWith("not a text message: BytesMessage with content type 'image/\\u0007xxx")
                .contains("x...' (read as a request").doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void bytesThatAreNotUtf8AreInvalidUtf8AndTheDeadLetterShowsWhatWasReadable() throws Exception {
        byte[] latin1 = "{\"message_id\": \"x\", \"note\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        Delivery delivery = RestartListener.delivery(bytesMessage(latin1));

        assertThat(decoder.decode(delivery).rejection()).isEqualTo(
                "invalid UTF-8: replacement character U+FFFD at character 32 (the sender's bytes were not UTF-8)");
        assertThat(delivery.payloadSample()).isEqualTo("{\"message_id\": \"x\", \"note\": \"caf\uFFFD\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda0bd", "ff", "80", "e282", "f4908080"})
    void malformedUtf8IsInvalidUtf8WhereverItIs(String hex) throws Exception {
        byte[] body = (VALID.substring(0, VALID.length() - 2) + "-").getBytes(StandardCharsets.UTF_8);
        byte[] withBad = java.nio.ByteBuffer.allocate(body.length + hex.length() / 2 + 2).put(body)
                .put(HexFormat.of().parseHex(hex)).put("\"}".getBytes(StandardCharsets.UTF_8)).array();

        assertThat(decode(bytesMessage(withBad)).rejection())
                .startsWith("invalid UTF-8: replacement character U+FFFD at character " + body.length);
    }

    @Test
    void theLimitCountsTheBytesAndIsTheSameAsForText() throws Exception {
        String exact = VALID.substring(0, VALID.length() - 1) + ", \"pad\": \"" + "\u20ac".repeat(30) + "\"}";
        String padded = exact.substring(0, exact.length() - 2) + "xxxxxxxxxxxxxxxxxxxxxxxxxx\"}";
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(200);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(200);

        assertThat(decode(utf8(exact)).isRejected()).isFalse();
        assertThat(decode(utf8(padded)).rejection()).isEqualTo("payload of "
                + padded.getBytes(StandardCharsets.UTF_8).length + " bytes is over the limit of 200 bytes")
                .isEqualTo(decoder.decode(Delivery.text("ID:1", padded)).rejection());
    }

    @Test
    void anEmptyBodyIsAnEmptyMessage() throws Exception {
        assertThat(decode(bytesMessage(new byte[0])).rejection()).isEqualTo("empty text message");
        assertThat(decode(new ActiveMQBytesMessage()).rejection()).isEqualTo("empty text message");
    }

    @Test
    void aMessageReadBeforeIsReadFromItsFirstByte() throws Exception {
        ActiveMQBytesMessage message = utf8(VALID);
        message.readBytes(new byte[10]);

        assertThat(RestartListener.delivery(message).text()).isEqualTo(VALID);
        assertThat(RestartListener.delivery(message).text()).isEqualTo(VALID);
    }

    @Test
    void aWholeAmqpMessageKeptAsBytesIsNotAText() throws Exception {
        ActiveMQBytesMessage amqp = bytesMessage(HexFormat.of().parseHex("005377542a"));
        amqp.setReadOnlyProperties(false);
        amqp.setBooleanProperty("JMS_AMQP_NATIVE", true);

        assertThat(decode(amqp).rejection()).isEqualTo("not a text message: BytesMessage holding a whole AMQP message"
                + " (its body was neither a string nor binary)");

        ActiveMQBytesMessage notNative = utf8(VALID);
        notNative.setReadOnlyProperties(false);
        notNative.setBooleanProperty("JMS_AMQP_NATIVE", false);
        assertThat(decode(notNative).isRejected()).isFalse();
    }

    @Test
    void aBytesMessageWhoseBodyCannotBeReadIsUnreadableNotThrown() throws Exception {
        BytesMessage message = mock(BytesMessage.class);
        when(message.getJMSMessageID()).thenReturn("ID:3");
        when(message.getBodyLength()).thenThrow(new JMSException("stream closed"));

        Delivery delivery = RestartListener.delivery(message);

        assertThat(delivery.unreadable()).isEqualTo("jakarta.jms.JMSException: stream closed");
        assertThat(delivery.payloadSample()).isEqualTo("(BytesMessage whose content could not be read)");
        assertThat(decoder.decode(delivery).rejection())
                .isEqualTo("unreadable message: jakarta.jms.JMSException: stream closed");
    }

    @Test
    void contentTypeProblemIsNullOnlyForJsonTextOrNone() {
        assertThat(java.util.stream.Stream.of(null, "", "text/html", "application/problem+json", "Text/Plain; Charset=UTF-8")
                .map(BytesBody::contentTypeProblem)).allMatch(Objects::isNull);
        assertThat(BytesBody.contentTypeProblem("application/+jsonx")).isNotNull();
        assertThat(BytesBody.contentTypeProblem("multipart/mixed; boundary=x")).isNotNull();
    }
}
