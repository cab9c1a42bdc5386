package io.mayhem.it;

import io.mayhem.store.RequestRecord;
import io.mayhem.store.RequestStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only window on the stored state of a request; added to the deployment by the container tests only. */
@Path("test/requests")
public class StoredRequests {

    @Inject
    RequestStore store;

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject request(@PathParam("id") String id) {
        RequestRecord record = store.find(id);
        if (record == null) {
            throw new NotFoundException(id);
        }
        return Json.createObjectBuilder()
                .add("acked", record.acked())
                .add("outcome", String.valueOf(record.outcome()))
                .add("saved", record.saved())
                .add("restarted", record.restarted())
                .add("restart_attempts", record.restartAttempts())
                .add("lease_owner", String.valueOf(record.leaseOwner()))
                .build();
    }
}
