package io.mayhem.operator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** HTTP Basic credentials (RFC 7617, UTF-8) checked against the configured callers. */
public final class BasicAuthentication {

    /** The WWW-Authenticate challenge of a 401. */
    public static final String CHALLENGE = "Basic realm=\"mayhem\", charset=\"UTF-8\"";
    private static final String SCHEME = "Basic ";

    private final Callers callers;

    public BasicAuthentication(Callers callers) {
        this.callers = callers;
    }

    /** No callers configured: the protected endpoint is switched off, for everyone. */
    public boolean disabled() {
        return callers.isEmpty();
    }

    /** The caller of an Authorization header, or empty when it is missing, malformed or wrong. */
    public Optional<Callers.Caller> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return callers.authenticate(credentials.substring(0, colon), credentials.substring(colon + 1));
    }
}
