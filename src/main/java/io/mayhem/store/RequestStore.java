package io.mayhem.store;

import io.mayhem.configuration.Settings;
import io.mayhem.handling.Outcome;
import io.mayhem.handling.OutcomeEvent;
import io.mayhem.handling.PubSubMessage;
import io.mayhem.intake.Inbox;
import io.mayhem.lease.LeaseStore;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JPA: requests with their leases and outcomes, and restart events. Joins the caller's transaction or
 * starts one. A stateless EJB, not a CDI bean with @Transactional: JTA transactions that the CDI
 * interceptor began on managed-executor threads made Payara release JDBC connections twice.
 */
@Stateless
@LocalBean
public class RequestStore implements Inbox, LeaseStore, EventStore {

    /** This instance, as lease owner (shared by the pooled beans); a new one every start. */
    private static final String OWNER = UUID.randomUUID().toString();
    private final String owner = OWNER;
    private final Clock clock = Clock.systemUTC();

    @PersistenceContext(unitName = "mayhem")
    EntityManager em;

    @Inject
    Settings settings;

    /**
     * In a transaction of its own (the database only), committed before the JMS receive commits: each
     * commits in one phase, so a crash never leaves a prepared transaction in the broker, which nothing
     * would resolve. A crash between the two redelivers the message, and the stored request makes it a duplicate.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Admission accept(PubSubMessage request) {
        Instant now = clock.instant();
        Instant until = now.plus(settings.leaseExtendBy());
        RequestRecord record = em.find(RequestRecord.class, request.messageId(), LockModeType.PESSIMISTIC_WRITE);
        if (record == null) {
            em.persist(new RequestRecord(request, now, owner, until));
            return Admission.ACCEPTED;
        }
        if (record.acked()) {
            return Admission.ALREADY_ACKED;
        }
        if (record.leasedElsewhere(owner, now) || record.leasedBy(owner, now)) {
            return Admission.LEASED_ELSEWHERE;
        }
        record.lease(owner, until);
        return Admission.ACCEPTED;
    }

    @Override
    public void extend(String messageId, Instant until, int extendedCount) {
        em.createQuery("UPDATE RequestRecord r SET r.leaseUntil = :until, r.extendedCount = :count "
                        + "WHERE r.messageId = :id AND r.leaseOwner = :owner AND r.acked = FALSE")
                .setParameter("until", until).setParameter("count", extendedCount)
                .setParameter("id", messageId).setParameter("owner", owner)
                .executeUpdate();
    }

    @Override
    public int releaseAll() {
        return em.createQuery("UPDATE RequestRecord r SET r.leaseOwner = NULL, r.leaseUntil = NULL "
                        + "WHERE r.leaseOwner = :owner AND r.acked = FALSE")
                .setParameter("owner", owner)
                .executeUpdate();
    }

    @Override
    public void record(PubSubMessage message) {
        if (em.find(RestartEvent.class, message.messageId()) == null) {
            em.persist(new RestartEvent(message.messageId(), message.hostname(), clock.instant()));
        }
    }

    /**
     * Stores the outcome and returns the event to send. The first ack wins: a request that is already acked
     * (handled twice, say by an instance whose lease had lapsed) keeps its stored outcome, which is returned
     * instead, so no request ever gets two different outcome events.
     */
    public OutcomeEvent markAcked(PubSubMessage request, Outcome outcome, String error) {
        RequestRecord record = em.find(RequestRecord.class, request.messageId(), LockModeType.PESSIMISTIC_WRITE);
        if (record == null) {
            throw new IllegalStateException("No stored request to ack for " + request.tag());
        }
        if (!record.acked()) {
            record.ack(request, outcome, error, clock.instant());
        }
        return outcomeOf(record);
    }

    @Override
    public List<PubSubMessage> claimAbandoned(int limit) {
        Instant now = clock.instant();
        List<RequestRecord> abandoned = em.createQuery("SELECT r FROM RequestRecord r WHERE r.acked = FALSE "
                        + "AND (r.leaseUntil IS NULL OR r.leaseUntil < :now) ORDER BY r.receivedAt", RequestRecord.class)
                .setParameter("now", now).setMaxResults(limit).getResultList();
        List<PubSubMessage> claimed = new ArrayList<>();
        for (RequestRecord record : abandoned) {
            int taken = em.createQuery("UPDATE RequestRecord r SET r.leaseOwner = :owner, r.leaseUntil = :until "
                            + "WHERE r.messageId = :id AND r.acked = FALSE AND (r.leaseUntil IS NULL OR r.leaseUntil < :now)")
                    .setParameter("owner", owner).setParameter("until", now.plus(settings.leaseExtendBy()))
                    .setParameter("id", record.messageId()).setParameter("now", now)
                    .executeUpdate();
            if (taken == 1) {
                claimed.add(new PubSubMessage(record.messageId(), record.instanceName(), settings.hostnameDomain()));
            }
        }
        return claimed;
    }

    public void markEventSent(String messageId) {
        RequestRecord record = em.find(RequestRecord.class, messageId);
        if (record != null) {
            record.eventWasSent();
        }
    }

    /** Acked requests whose outcome event was not sent (their instance stopped in between), acked before {@code before}. */
    public List<OutcomeEvent> unsentOutcomes(Instant before, int limit) {
        return em.createQuery("SELECT r FROM RequestRecord r WHERE r.acked = TRUE AND r.eventSent = FALSE "
                        + "AND r.ackedAt < :before ORDER BY r.ackedAt", RequestRecord.class)
                .setParameter("before", before).setMaxResults(limit).getResultList()
                .stream().map(this::outcomeOf).toList();
    }

    /** The outcome event of an acked request, as it was stored. */
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
