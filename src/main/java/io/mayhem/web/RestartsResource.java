package io.mayhem.web;

import io.mayhem.operator.ManualRestarts;
import io.mayhem.operator.OperatorSettings;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;

/** {@code POST /api/restarts}, for callers in the operator role (constrained in WEB-INF/web.xml). */
@Path("restarts")
@ApplicationScoped
@DeclareRoles(RestartsResource.OPERATOR)
public class RestartsResource {

    static final String OPERATOR = "operator";

    @Inject
    OperatorSettings operatorSettings;
    @Inject
    ManualRestarts restarts;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(InputStream body, @Context SecurityContext security) throws IOException {
        if (!security.isUserInRole(OPERATOR)) { // the constraint let a path through: still never open
            return reason(Response.Status.FORBIDDEN, "needs the operator role");
        }
        RestartBody.Read read = RestartBody.read(body);
        if (read.problem() != null) { // refused before the rate limit: an invalid body takes no token
            return reason(Response.Status.BAD_REQUEST, read.problem());
        }
        ManualRestarts.Result result = restarts.request(security.getUserPrincipal().getName(), read.instanceName());
        if (result instanceof ManualRestarts.Limited limited) {
            return Response.fromResponse(reason(Response.Status.TOO_MANY_REQUESTS, "over the rate limit of "
                    + operatorSettings.restartsPerMinute() + " per minute"))
                    .header("Retry-After", limited.retryAfterSeconds()).build();
        }
        String messageId = ((ManualRestarts.Accepted) result).messageId();
        return Response.accepted(Json.createObjectBuilder().add("message_id", messageId).build()).build();
    }

    private static Response reason(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("reason", reason).build()).build();
    }
}
