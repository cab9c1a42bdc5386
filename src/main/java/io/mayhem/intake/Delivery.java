package io.mayhem.intake;

import io.mayhem.request.InputText;

/**
 * What arrived on the topic, taken off the JMS message: its text; for anything but a text message only a
 * description (an ObjectMessage is never deserialized); for a message whose body or headers could not be read,
 * why not (the message itself is at fault, so it becomes a dead letter instead of being redelivered for ever).
 */
public record Delivery(String jmsMessageId, String text, String notTextKind, String unreadable) {

    public static Delivery text(String jmsMessageId, String text) {
        return new Delivery(jmsMessageId, text, null, null);
    }

    public static Delivery notText(String jmsMessageId, String kind) {
        return new Delivery(jmsMessageId, null, kind, null);
    }

    /**
     * A message the JMS client could not read, e.g. a text body that is not in OpenWire's modified UTF-8.
     *
     * @param jmsMessageId the id, or null when even that could not be read
     * @param kind what kind of message it is ("TextMessage"), for the payload sample
     * @param problem what reading it threw; its class and message, and those of its causes, become the reason
     */
    public static Delivery unreadable(String jmsMessageId, String kind, Exception problem) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = problem; t != null && reason.length() < 512; t = t.getCause() == t ? null : t.getCause()) {
            reason.append(reason.length() == 0 ? "" : "; caused by ").append(t.getClass().getName())
                    .append(t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return new Delivery(jmsMessageId, null, kind + " whose content could not be read", reason.toString());
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
