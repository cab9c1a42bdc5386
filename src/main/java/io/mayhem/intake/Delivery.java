package io.mayhem.intake;

import io.mayhem.request.InputText;

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

    /**
     * The first 1,024 characters of the text (never half a surrogate pair), {@linkplain InputText#escape
     * escaped}, or a description of a non-text message: for the dead letter.
     */
    public String payloadSample() {
        if (notTextKind != null) {
            return "(" + notTextKind + ")";
        }
        if (text == null) {
            return "(empty text message)";
        }
        int end = Math.min(text.length(), 1024);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return InputText.escape(text.substring(0, end));
    }

    /** The JMS message id, {@linkplain InputText#escape escaped} (a sender's client may set any text). */
    public String safeJmsMessageId() {
        return jmsMessageId == null ? "null" : InputText.escape(jmsMessageId);
    }
}
