package io.mayhem.operator;

import io.mayhem.configuration.Settings;
import io.mayhem.lifecycle.MayhemService;
import io.mayhem.publishing.JmsRequestSender;
import jakarta.annotation.PostConstruct;
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
import java.time.Clock;
import java.util.UUID;

/** {@code POST /api/restarts}, for callers in the operator role (constrained in WEB-INF/web.xml). */
@Path("restarts")
@ApplicationScoped
@DeclareRoles(RestartsResource.OPERATOR)
public class RestartsResource {

    static final String OPERATOR = "operator";

    @Inject
    OperatorSettings operatorSettings;
    @Inject
    Settings settings;
    @Inject
    JmsRequestSender sender;
    @Inject
    MayhemService service;

    private ManualRestarts restarts;

    @PostConstruct
    void start() {
        restarts = new ManualRestarts(sender, new RateLimiter(Clock.systemUTC(), operatorSettings.restartsPerMinute()),
                () -> UUID.randomUUID().toString(), service.stats(), settings.hostnameDomain());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(InputStream body, @Context SecurityContext security) throws IOException {
        if (!security.isUserInRole(OPERATOR)) { // the constraint let a path through: still never open
            return reason(Response.Status.FORBIDDEN, "needs the operator role");
        }
        ManualRestarts.Result result = restarts.request(security.getUserPrincipal().getName(), body);
        if (result instanceof ManualRestarts.Accepted accepted) {
            return Response.accepted(Json.createObjectBuilder().add("message_id", accepted.messageId()).build()).build();
        }
        if (result instanceof ManualRestarts.Limited limited) {
            return Response.fromResponse(reason(Response.Status.TOO_MANY_REQUESTS, "over the rate limit of "
                    + operatorSettings.restartsPerMinute() + " per minute"))
                    .header("Retry-After", limited.retryAfterSeconds()).build();
        }
        return reason(Response.Status.BAD_REQUEST, ((ManualRestarts.Invalid) result).reason());
    }

    private static Response reason(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("reason", reason).build()).build();
    }
}
