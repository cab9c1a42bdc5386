package io.mayhem.web;

import io.mayhem.guardrails.ChaosState;
import io.mayhem.guardrails.KillSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The cluster-wide kill switch (docs/design.md section 10): {@code GET /api/chaos} reads it (open, like
 * {@code /api/stats}); {@code POST /api/chaos/pause} and {@code POST /api/chaos/resume} change it, for callers in
 * the operator role (constrained in WEB-INF/web.xml, authenticated by {@link OperatorAuthentication}: 404 when no
 * users are configured, 401 without valid credentials, 403 without the role). Each answers 200 with the state:
 * {@code {"paused": true|false, "changed_by": "...", "changed_at": "ISO-8601"}} (the last two once it was changed).
 */
@Path("chaos")
@ApplicationScoped
public class ChaosResource {

    @Inject
    KillSwitch killSwitch;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject state() {
        return json(killSwitch.state());
    }

    @POST
    @Path("pause")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pause(@Context SecurityContext security) {
        if (!security.isUserInRole(RestartsResource.OPERATOR)) {
            return forbidden();
        }
        return Response.ok(json(killSwitch.pause(security.getUserPrincipal().getName()))).build();
    }

    @POST
    @Path("resume")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resume(@Context SecurityContext security) {
        if (!security.isUserInRole(RestartsResource.OPERATOR)) {
            return forbidden();
        }
        return Response.ok(json(killSwitch.resume(security.getUserPrincipal().getName()))).build();
    }

    private static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("reason", "needs the operator role").build()).build();
    }

    static JsonObject json(ChaosState state) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("paused", state.paused());
        if (state.changedBy() != null) {
            json.add("changed_by", state.changedBy());
        }
        if (state.changedAt() != null) {
            json.add("changed_at", state.changedAt().toString());
        }
        return json.build();
    }
}
