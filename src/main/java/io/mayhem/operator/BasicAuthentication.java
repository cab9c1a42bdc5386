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
        return credentials(authorization).flatMap(this::authenticate);
    }

    /** The name and password of an Authorization header, or empty when it is missing or malformed (no hash runs). */
    public Optional<Credentials> credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** The caller these credentials are, or empty: runs one password hash, whatever the name. */
    public Optional<Callers.Caller> authenticate(Credentials credentials) {
        return callers.authenticate(credentials.name(), credentials.password());
    }

    /** A user name and password from an Authorization header, not yet checked. */
    public record Credentials(String name, String password) {
        @Override
        public String toString() {
            return "Credentials(" + name + ")";
        }
    }
}
