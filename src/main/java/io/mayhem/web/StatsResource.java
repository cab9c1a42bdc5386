package io.mayhem.web;

import io.mayhem.monitoring.Stats;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/stats}: the counters since start (docs/design.md section 9). */
@Path("stats")
public class StatsResource {

    @Inject
    Stats stats;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        stats.snapshot().forEach(json::add);
        return json.build();
    }
}
