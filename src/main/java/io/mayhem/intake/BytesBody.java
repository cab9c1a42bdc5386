package io.mayhem.intake;

import io.mayhem.request.InputText;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a BytesMessage as the text of a request (docs/design.md "Bad input"). STOMP clients send a BytesMessage
 * whenever a frame has a content-length header (stomp.py adds one by default), and AMQP 1.0 clients whenever the
 * body is binary (a Data section, or an AmqpValue of binary): for a request in any language, its bytes are decoded
 * as UTF-8 and then taken exactly like the same text, the payload limit counted in those bytes.
 *
 * <ul>
 * <li>Bytes that are not UTF-8 are decoded with the replacement character U+FFFD, which the decoder rejects
 *     ("invalid UTF-8: replacement character ..."), and the dead letter shows the text that was readable.</li>
 * <li>A content type, if the sender gave one (STOMP's content-type header, AMQP's content-type property), must be
 *     JSON or text: {@code application/json}, {@code application/*+json} or {@code text/*}, with no charset
 *     parameter or UTF-8. Anything else ({@code application/octet-stream}, an image, ISO-8859-1) says the bytes
 *     are not a UTF-8 request: "not a text message: BytesMessage with content type '...'".</li>
 * <li>A whole AMQP message that the broker kept as bytes because its body mapped to no JMS body (an AmqpValue of a
 *     number, say) is not text either.</li>
 * </ul>
 */
final class BytesBody {

    /** Where ActiveMQ's STOMP transport keeps a SEND frame's content-type header (every unknown header is a property). */
    static final String STOMP_CONTENT_TYPE = "content-type";
    /** Where ActiveMQ's AMQP transport keeps the content-type of an AMQP message's properties section. */
    static final String AMQP_CONTENT_TYPE = "JMS_AMQP_ContentType";
    /** Set by ActiveMQ's AMQP transport on a message it kept whole, as its AMQP encoding in bytes. */
    static final String AMQP_NATIVE = "JMS_AMQP_NATIVE";

    private BytesBody() {
    }

    /** The delivery of a BytesMessage: its text, or why it is not one. */
    static Delivery delivery(String jmsMessageId, BytesMessage message) throws JMSException {
        if (message.propertyExists(AMQP_NATIVE) && message.getBooleanProperty(AMQP_NATIVE)) {
            return Delivery.notText(jmsMessageId, "BytesMessage holding a whole AMQP message (its body was neither"
                    + " a string nor binary)");
        }
        String contentType = contentType(message);
        String problem = contentTypeProblem(contentType);
        if (problem != null) {
            return Delivery.notText(jmsMessageId, "BytesMessage with content type '" + InputText.clip(contentType)
                    + "' (" + problem + ")");
        }
        message.reset(); // read from the first byte, whoever read it before
        byte[] body = new byte[Math.toIntExact(message.getBodyLength())];
        message.readBytes(body);
        return Delivery.text(jmsMessageId, new String(body, StandardCharsets.UTF_8));
    }

    private static String contentType(BytesMessage message) throws JMSException {
        String stomp = message.getStringProperty(STOMP_CONTENT_TYPE);
        return stomp != null ? stomp : message.getStringProperty(AMQP_CONTENT_TYPE);
    }

    /**
     * Why bytes of this content type are not read as a request's UTF-8 text, or null when they are: none (null or
     * blank), {@code application/json}, {@code application/*+json} or {@code text/*}, whose charset, if given, is
     * UTF-8 (RFC 2045 syntax: case-insensitive names, a value possibly quoted).
     */
    static String contentTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.startsWith("text/") && !media.equals("application/json")
                && !(media.startsWith("application/") && media.endsWith("+json"))) {
            return "read as a request: none, application/json, application/*+json, text/*";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return "only UTF-8 is read";
                }
            }
        }
        return null;
    }
}
