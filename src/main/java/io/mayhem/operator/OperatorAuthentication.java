package io.mayhem.operator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Jakarta Security mechanism for the constrained resources of WEB-INF/web.xml (POST /api/restarts): HTTP Basic
 * against mayhem.api.users; 404 for everyone when no users are configured. Everything else passes untouched.
 */
@ApplicationScoped
public class OperatorAuthentication implements HttpAuthenticationMechanism {

    @Inject
    OperatorSettings settings;

    private BasicAuthentication basic;

    @PostConstruct
    void start() {
        basic = new BasicAuthentication(settings.callers());
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
        return basic.authenticate(request.getHeader("Authorization"))
                .map(caller -> context.notifyContainerAboutLogin(caller.name(), caller.groups()))
                .orElseGet(() -> {
                    response.setHeader("WWW-Authenticate", BasicAuthentication.CHALLENGE);
                    return context.responseUnauthorized();
                });
    }
}
