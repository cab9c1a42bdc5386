package io.mayhem.store;

import io.mayhem.configuration.Settings;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.request.RestartRequest;
import io.mayhem.intake.Inbox;
import io.mayhem.lease.LeaseStore;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * JPA: requests with their lease owners and outcomes, the owners' heartbeats, the outbox and restart events.
 * Every method is one transaction (the caller has none: the batch writers and the scheduler call it). A
 * stateless EJB, not a CDI bean with @Transactional: JTA transactions that the CDI interceptor began on
 * managed threads made Payara release JDBC connections twice.
 */
@Stateless
@LocalBean
public class RequestStore implements Inbox, LeaseStore, EventStore, OutcomeStore {

    @PersistenceContext(unitName = "mayhem")
    EntityManager em;

    @Inject
    Settings settings;

    /** Creates the indexes of {@link StoreQueries} that are missing. */
    public void createIndexes() {
        for (String index : StoreQueries.INDEXES) {
            em.createNativeQuery(index).executeUpdate();
        }
    }

    @Override
    public List<Admission> acceptAll(List<Admit> batch, Instant now) {
        Map<String, RequestRecord> existing = find(batch.stream().map(a -> a.request().messageId()).toList(), true);
        Set<String> live = liveOwners();
        Set<String> seen = new HashSet<>();
        List<Admission> admissions = new ArrayList<>(batch.size());
        for (Admit admit : batch) {
            String id = admit.request().messageId();
            RequestRecord record = existing.get(id);
            if (record != null && !record.instanceName().equals(admit.request().instanceName())) {
                admissions.add(Admission.conflicting(record.instanceName()));
            } else if (!seen.add(id)) {
                admissions.add(record != null && record.acked() ? Admission.ALREADY_ACKED : Admission.LEASED_ELSEWHERE);
            } else if (record == null) {
                record = new RequestRecord(admit.request(), now, admit.owner());
                em.persist(record);
                existing.put(id, record);
                admissions.add(Admission.ACCEPTED);
            } else if (record.acked()) {
                admissions.add(Admission.ALREADY_ACKED);
            } else if (record.leaseOwner() == null || !live.contains(record.leaseOwner())) {
                record.lease(admit.owner());
                admissions.add(Admission.ACCEPTED);
            } else if (record.leaseOwner().equals(admit.owner())) {
                admissions.add(Admission.LEASED_HERE);
            } else {
                admissions.add(Admission.LEASED_ELSEWHERE);
            }
        }
        return admissions;
    }

    private Map<String, RequestRecord> find(List<String> ids, boolean lock) {
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        var query = em.createQuery("SELECT r FROM RequestRecord r WHERE r.messageId IN :ids", RequestRecord.class)
                .setParameter("ids", ids.stream().distinct().toList());
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        Map<String, RequestRecord> found = new HashMap<>();
        for (RequestRecord record : query.getResultList()) {
            found.put(record.messageId(), record);
        }
        return found;
    }

    private Set<String> liveOwners() {
        return new HashSet<>(em.createQuery("SELECT i.owner FROM InstanceRecord i WHERE i.expired = FALSE", String.class)
                .getResultList());
    }

    @Override
    public void register(String owner, Instant now) {
        em.persist(new InstanceRecord(owner, now));
    }

    @Override
    public boolean renew(String owner, Instant now) {
        return em.createQuery("UPDATE InstanceRecord i SET i.renewedAt = :now WHERE i.owner = :owner AND i.expired = FALSE")
                .setParameter("now", now).setParameter("owner", owner).executeUpdate() == 1;
    }

    @Override
    public int release(String owner) {
        int released = em.createQuery("UPDATE RequestRecord r SET r.leaseOwner = NULL "
                        + "WHERE r.acked = FALSE AND r.leaseOwner = :owner")
                .setParameter("owner", owner).executeUpdate();
        em.createQuery("UPDATE InstanceRecord i SET i.expired = TRUE WHERE i.owner = :owner")
                .setParameter("owner", owner).executeUpdate();
        return released;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<RestartRequest> claimAbandoned(String owner, Instant staleBefore, int limit) {
        em.createQuery("UPDATE InstanceRecord i SET i.expired = TRUE WHERE i.expired = FALSE AND i.renewedAt < :stale")
                .setParameter("stale", staleBefore).executeUpdate();
        List<String> candidates = em.createNativeQuery(StoreQueries.ABANDONED).setParameter(1, limit).getResultList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> live = liveOwners();
        List<RestartRequest> claimed = new ArrayList<>();
        for (RequestRecord record : find(candidates, true).values()) {
            if (!record.acked() && (record.leaseOwner() == null || !live.contains(record.leaseOwner()))) {
                record.lease(owner);
                claimed.add(new RestartRequest(record.messageId(), record.instanceName(), settings.hostnameDomain()));
            }
        }
        return claimed;
    }

    @Override
    public List<RestartRequest> unhandled(String owner, Predicate<String> handledHere, int limit) {
        return em.createQuery("SELECT r FROM RequestRecord r WHERE r.acked = FALSE AND r.leaseOwner = :owner",
                        RequestRecord.class)
                .setParameter("owner", owner).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .filter(r -> !handledHere.test(r.messageId())).limit(limit)
                .map(r -> new RestartRequest(r.messageId(), r.instanceName(), settings.hostnameDomain())).toList();
    }

    /**
     * Deletes up to {@code limit} acked requests acked before {@code before} whose event was sent, and the
     * heartbeats of expired owners that hold nothing; returns how many requests.
     */
    public int purgeAcked(Instant before, int limit) {
        List<String> ids = em.createQuery(StoreQueries.PURGEABLE, String.class)
                .setParameter("before", before).setMaxResults(limit).getResultList();
        int deleted = ids.isEmpty() ? 0 : em.createQuery("DELETE FROM RequestRecord r WHERE r.messageId IN :ids "
                        + "AND r.messageId NOT IN (SELECT o.messageId FROM OutboxRecord o)")
                .setParameter("ids", ids).executeUpdate();
        List<String> gone = new ArrayList<>(em.createQuery("SELECT i.owner FROM InstanceRecord i "
                        + "WHERE i.expired = TRUE AND i.renewedAt < :before", String.class)
                .setParameter("before", before).setMaxResults(limit).getResultList());
        if (!gone.isEmpty()) {
            gone.removeAll(em.createQuery("SELECT DISTINCT r.leaseOwner FROM RequestRecord r "
                            + "WHERE r.acked = FALSE AND r.leaseOwner IN :owners", String.class)
                    .setParameter("owners", gone).getResultList());
        }
        if (!gone.isEmpty()) {
            em.createQuery("DELETE FROM InstanceRecord i WHERE i.owner IN :owners").setParameter("owners", gone)
                    .executeUpdate();
        }
        return deleted;
    }

    @Override
    public void recordAll(List<RestartRequest> messages) {
        List<String> ids = messages.stream().map(RestartRequest::messageId).distinct().toList();
        Set<String> recorded = new HashSet<>(em.createQuery(
                        "SELECT e.messageId FROM RestartEvent e WHERE e.messageId IN :ids", String.class)
                .setParameter("ids", ids).getResultList());
        Instant now = Instant.now();
        for (RestartRequest message : messages) {
            if (recorded.add(message.messageId())) {
                em.persist(new RestartEvent(message.messageId(), message.hostname(), now));
            }
        }
    }

    @Override
    public List<OutcomeEvent> storeOutcomes(List<Ack> acks, Instant now) {
        Map<String, RequestRecord> records = find(acks.stream().map(a -> a.message().messageId()).toList(), true);
        List<OutcomeEvent> events = new ArrayList<>(acks.size());
        for (Ack ack : acks) {
            RequestRecord record = records.get(ack.message().messageId());
            if (record == null) {
                events.add(null);
            } else if (record.acked()) {
                events.add(outcomeOf(record));
            } else if (!ack.owner().equals(record.leaseOwner())) {
                events.add(null);
            } else {
                record.ack(ack.message(), ack.outcome(), ack.error(), now);
                em.persist(new OutboxRecord(record.messageId(), now));
                events.add(outcomeOf(record));
            }
        }
        return events;
    }

    @Override
    public void markSent(List<String> messageIds) {
        if (!messageIds.isEmpty()) {
            em.createQuery("DELETE FROM OutboxRecord o WHERE o.messageId IN :ids")
                    .setParameter("ids", messageIds.stream().distinct().toList()).executeUpdate();
        }
    }

    @Override
    public List<OutcomeEvent> unsent(Instant before, int limit) {
        List<String> ids = em.createQuery(StoreQueries.UNSENT, String.class)
                .setParameter("before", before).setMaxResults(limit).getResultList();
        Map<String, RequestRecord> records = find(ids, false);
        return ids.stream().map(records::get).filter(r -> r != null && r.acked()).map(this::outcomeOf).toList();
    }

    @Override
    public Optional<OutcomeEvent> storedOutcome(String messageId) {
        RequestRecord r = em.find(RequestRecord.class, messageId);
        if (r == null || !r.acked()) {
            return Optional.empty();
        }
        return Optional.of(outcomeOf(r));
    }

    private OutcomeEvent outcomeOf(RequestRecord r) {
        return new OutcomeEvent(r.messageId(), r.instanceName(),
                r.instanceName() + "." + settings.hostnameDomain(), r.outcome(), r.saved(), r.restarted(),
                r.restartAttempts(), r.extendedCount(), r.error(), r.ackedAt());
    }

    public RequestRecord find(String messageId) {
        return em.find(RequestRecord.class, messageId);
    }
}
