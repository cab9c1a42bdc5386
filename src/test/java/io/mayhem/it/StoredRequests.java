package io.mayhem.it;

import io.mayhem.store.RequestRecord;
import io.mayhem.store.RequestStore;
import io.mayhem.request.RestartRequest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
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

    @PersistenceContext(unitName = "mayhem")
    EntityManager em;

    /** Stores a request as a dead instance would have left it: unacked, its lease released. */
    @POST
    @Path("{id}/abandoned")
    @Transactional
    public void abandon(@PathParam("id") String id, @QueryParam("instance") String instance) {
        em.persist(new RequestRecord(new RestartRequest(id, instance, "example.net"), Instant.now(), null));
    }

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
