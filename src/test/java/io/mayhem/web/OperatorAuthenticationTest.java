package io.mayhem.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.mayhem.operator.BasicAuthenticationTest;
import io.mayhem.operator.LoginThrottle;
import io.mayhem.operator.OperatorSettings;
import io.mayhem.operator.PasswordHashTest;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mechanism's mapping of decisions onto the container's calls; the decisions are BasicAuthenticationTest's. */
class OperatorAuthenticationTest {

    HttpServletRequest request = mock(HttpServletRequest.class);
    HttpServletResponse response = mock(HttpServletResponse.class);
    HttpMessageContext context = mock(HttpMessageContext.class);

    @Test
    void leavesUnprotectedRequestsAlone() {
        when(context.doNothing()).thenReturn(AuthenticationStatus.NOT_DONE);

        assertThat(mechanism("ops:operator:" + PasswordHashTest.CORRECT_HORSE).validateRequest(request, response, context))
                .isEqualTo(AuthenticationStatus.NOT_DONE);
        verifyNoInteractions(request, response);
    }

    @Test
    void withoutCallersTheProtectedEndpointIsNotFoundForEveryone() {
        when(context.isProtected()).thenReturn(true);
        when(context.responseNotFound()).thenReturn(AuthenticationStatus.SEND_FAILURE);

        assertThat(mechanism(null).validateRequest(request, response, context)).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        verifyNoInteractions(response);
    }

    @Test
    void challengesWrongCredentials() {
        when(context.isProtected()).thenReturn(true);
        when(request.getHeader("Authorization")).thenReturn(BasicAuthenticationTest.basic("ops:wrong"));
        when(context.responseUnauthorized()).thenReturn(AuthenticationStatus.SEND_FAILURE);

        assertThat(mechanism("ops:operator:" + PasswordHashTest.CORRECT_HORSE).validateRequest(request, response, context))
                .isEqualTo(AuthenticationStatus.SEND_FAILURE);
        verify(response).setHeader("WWW-Authenticate", "Basic realm=\"mayhem\", charset=\"UTF-8\"");
    }

    @Test
    void tellsTheContainerWhoTheCallerIsAndItsGroups() {
        when(context.isProtected()).thenReturn(true);
        when(request.getHeader("Authorization")).thenReturn(BasicAuthenticationTest.basic("ops:correct horse"));
        when(context.notifyContainerAboutLogin("ops", Set.of("operator"))).thenReturn(AuthenticationStatus.SUCCESS);

        assertThat(mechanism("ops:operator:" + PasswordHashTest.CORRECT_HORSE).validateRequest(request, response, context))
                .isEqualTo(AuthenticationStatus.SUCCESS);
        verifyNoInteractions(response);
    }

    @Test
    void aBurstOfWrongPasswordsRunsOnlyTheHashesTheThrottleAllowsAndIsToldWhenToComeBack() throws Exception {
        when(context.isProtected()).thenReturn(true);
        when(request.getRemoteAddr()).thenReturn("203.0.113.7");
        when(request.getHeader("Authorization")).thenReturn(BasicAuthenticationTest.basic("ops:wrong"));
        when(context.responseUnauthorized()).thenReturn(AuthenticationStatus.SEND_FAILURE);
        java.io.StringWriter body = new java.io.StringWriter();
        when(response.getWriter()).thenAnswer(call -> new java.io.PrintWriter(body, true));
        OperatorAuthentication mechanism = mechanism("ops:operator:" + PasswordHashTest.CORRECT_HORSE);

        for (int i = 0; i < 50; i++) {
            assertThat(mechanism.validateRequest(request, response, context)).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        }

        assertThat(mechanism.hashesRun()).isEqualTo(LoginThrottle.PER_ADDRESS_PER_MINUTE);
        verify(context, org.mockito.Mockito.times(LoginThrottle.PER_ADDRESS_PER_MINUTE)).responseUnauthorized();
        verify(response, org.mockito.Mockito.times(50 - LoginThrottle.PER_ADDRESS_PER_MINUTE)).setStatus(429);
        verify(response, org.mockito.Mockito.times(50 - LoginThrottle.PER_ADDRESS_PER_MINUTE))
                .setHeader(org.mockito.ArgumentMatchers.eq("Retry-After"), org.mockito.ArgumentMatchers.matches("[1-9][0-9]*"));
        assertThat(body.toString()).startsWith("{\"reason\":\"too many failed logins; try again in ");
    }

    @Test
    void aMissingOrMalformedHeaderRunsNoHashAndTakesNoToken() {
        when(context.isProtected()).thenReturn(true);
        when(request.getRemoteAddr()).thenReturn("203.0.113.8");
        when(request.getHeader("Authorization")).thenReturn("Bearer token");
        when(context.responseUnauthorized()).thenReturn(AuthenticationStatus.SEND_FAILURE);
        OperatorAuthentication mechanism = mechanism("ops:operator:" + PasswordHashTest.CORRECT_HORSE);

        for (int i = 0; i < 20; i++) {
            mechanism.validateRequest(request, response, context);
        }

        assertThat(mechanism.hashesRun()).isZero();
        verify(response, org.mockito.Mockito.never()).setStatus(429);
    }

    private static OperatorAuthentication mechanism(String users) {
        OperatorAuthentication mechanism = new OperatorAuthentication();
        mechanism.settings = OperatorSettings.of(users, 10);
        mechanism.start();
        return mechanism;
    }
}
