package io.mayhem.web;

import io.mayhem.operator.BasicAuthentication;
import io.mayhem.operator.Callers;
import io.mayhem.operator.LoginThrottle;
import io.mayhem.operator.OperatorSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Jakarta Security mechanism for the constrained resources of WEB-INF/web.xml (POST /api/restarts): HTTP Basic
 * against mayhem.api.users; 404 for everyone when no users are configured; 429 with Retry-After, before any
 * password hash runs, past the failed logins {@link LoginThrottle} allows. Everything else passes untouched.
 */
@ApplicationScoped
public class OperatorAuthentication implements HttpAuthenticationMechanism {

    @Inject
    OperatorSettings settings;

    private Callers callers;
    private BasicAuthentication basic;
    private final LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());

    @PostConstruct
    void start() {
        callers = settings.callers();
        basic = new BasicAuthentication(callers);
    }

    /** Password hashes run since start (each costs about a fifth of a second of CPU). */
    long hashesRun() {
        return callers.hashesRun();
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (basic.disabled()) {
            return context.responseNotFound();
        }
        Optional<BasicAuthentication.Credentials> credentials = basic.credentials(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return unauthorized(response, context);
        }
        String address = request.getRemoteAddr();
        long retryAfter = throttle.tryAttempt(address);
        if (retryAfter > 0) {
            return tooManyFailures(response, retryAfter);
        }
        Optional<Callers.Caller> caller = basic.authenticate(credentials.get());
        if (caller.isEmpty()) {
            return unauthorized(response, context);
        }
        throttle.succeeded(address);
        return context.notifyContainerAboutLogin(caller.get().name(), caller.get().groups());
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", BasicAuthentication.CHALLENGE);
        return context.responseUnauthorized();
    }

    /** 429 before any hash runs: too many failed logins from this address, or from all callers. */
    private static AuthenticationStatus tooManyFailures(HttpServletResponse response, long retryAfter) {
        try {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(retryAfter));
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("reason", "too many failed logins; try again "
                    + "in " + retryAfter + " s").build().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
