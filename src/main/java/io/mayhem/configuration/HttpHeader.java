package io.mayhem.configuration;

import java.net.http.HttpRequest;
import java.util.regex.Pattern;

/**
 * The header the {@code http} restarter sends with every request ({@code mayhem.restarter.header}), written
 * {@code Name: value}, typically {@code Authorization: Bearer <token>}. The value is a secret: it is never
 * written out ({@link #toString()} and every message show the name only).
 *
 * @param name a header field name (an HTTP token)
 * @param value the value, on one line
 */
public record HttpHeader(String name, String value) {

    private static final String KEY = "mayhem.restarter.header";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public HttpHeader {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException(KEY + " must be written 'Name: value' with a header name of letters, "
                    + "digits and !#$%&'*+.^_`|~- before the colon");
        }
        if (value == null || value.isEmpty() || value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw new IllegalArgumentException(KEY + ": the value of " + name + " is empty or has a control character");
        }
        try {
            HttpRequest.newBuilder().header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + ": the JDK's HTTP client does not let an application set " + name
                    + " (it sets Host, Connection, Content-Length, Expect and Upgrade itself)");
        }
    }

    /**
     * @param text the setting's value, or null when it is not set
     * @return the header, or null when the text is null or blank
     * @throws IllegalArgumentException naming the key (never quoting the value) when it is not {@code Name: value}
     */
    public static HttpHeader parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(KEY + " must be written 'Name: value' (for example Authorization: Bearer ...)");
        }
        return new HttpHeader(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    /** The name only: the value is a secret. */
    @Override
    public String toString() {
        return name + ": (hidden)";
    }
}
