package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

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

    private static OperatorAuthentication mechanism(String users) {
        OperatorAuthentication mechanism = new OperatorAuthentication();
        mechanism.settings = OperatorSettings.of(users, 10);
        mechanism.start();
        return mechanism;
    }
}
