package io.mayhem.intake;

/**
 * What arrived on the topic, taken off the JMS message: its text, or, for anything but a text message,
 * only a description (an ObjectMessage is never deserialized).
 */
public record Delivery(String jmsMessageId, String text, String notTextKind) {

    public static Delivery text(String jmsMessageId, String text) {
        return new Delivery(jmsMessageId, text, null);
    }

    public static Delivery notText(String jmsMessageId, String kind) {
        return new Delivery(jmsMessageId, null, kind);
    }

    /** The first 1 KiB of the text, or a description of a non-text message, for the dead letter. */
    public String payloadSample() {
        if (notTextKind != null) {
            return "(" + notTextKind + ")";
        }
        if (text == null) {
            return "(empty text message)";
        }
        return text.length() <= 1024 ? text : text.substring(0, 1024);
    }
}
