package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.configuration.Settings;
import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.store.OutcomeStore.Ack;
import io.mayhem.request.RestartRequest;
import io.mayhem.intake.Inbox.Admission;
import io.mayhem.intake.Inbox.Admit;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The store's decisions, with the EntityManager mocked; the container and system tests run it on H2 and PostgreSQL. */
class RequestStoreTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    RequestStore store = new RequestStore();
    EntityManager em = mock(EntityManager.class);
    List<Object> persisted = new ArrayList<>();
    Query update = mock(Query.class, RETURNS_SELF);

    @BeforeEach
    void wire() {
        store.em = em;
        store.settings = Settings.defaults();
        org.mockito.Mockito.doAnswer(call -> persisted.add(call.getArgument(0))).when(em).persist(any());
        when(em.createQuery(anyString())).thenReturn(update);
        liveOwners("me", "alive");
        requests();
    }

    static RestartRequest msg(int n) {
        return new RestartRequest("6f1c6a2e-0000-4000-8000-00000000000" + n, "cattle-" + n, "example.net");
    }

    @SuppressWarnings("unchecked")
    private static <T> TypedQuery<T> query(List<T> result) {
        TypedQuery<T> query = mock(TypedQuery.class, RETURNS_SELF);
        when(query.getResultList()).thenReturn(result);
        return query;
    }

    TypedQuery<RequestRecord> found;

    private void requests(RequestRecord... records) {
        found = query(List.of(records));
        when(em.createQuery(startsWith("SELECT r FROM RequestRecord r WHERE r.messageId IN"), eq(RequestRecord.class)))
                .thenReturn(found);
    }

    private void liveOwners(String... owners) {
        TypedQuery<String> live = query(List.of(owners));
        when(em.createQuery(startsWith("SELECT i.owner FROM InstanceRecord i WHERE i.expired = FALSE"), eq(String.class)))
                .thenReturn(live);
    }

    private static RequestRecord stored(int n, String owner) {
        return new RequestRecord(msg(n), NOW, owner);
    }

    private static RequestRecord acked(int n) {
        RequestRecord record = new RequestRecord(msg(n), NOW, "me");
        record.ack(msg(n), Outcome.FAILED, "boom", NOW);
        return record;
    }

    @Test
    void storesNewRequestsUnderTheirOwnerAndRecognisesDuplicates() {
        RequestRecord released = stored(3, null);
        RequestRecord ofTheDead = stored(4, "dead");
        RequestRecord ofTheLiving = stored(5, "alive");
        RequestRecord mine = stored(6, "me");
        requests(acked(2), released, ofTheDead, ofTheLiving, mine);

        List<Admission> admissions = store.acceptAll(List.of(new Admit(msg(1), "me"), new Admit(msg(2), "me"),
                new Admit(msg(3), "me"), new Admit(msg(4), "me"), new Admit(msg(5), "me"), new Admit(msg(1), "me"),
                new Admit(msg(6), "me")), NOW);

        assertThat(admissions).containsExactly(Admission.ACCEPTED, Admission.ALREADY_ACKED, Admission.ACCEPTED,
                Admission.ACCEPTED, Admission.LEASED_ELSEWHERE, Admission.LEASED_ELSEWHERE, Admission.LEASED_HERE);
        verify(found).setParameter("ids", List.of(msg(1).messageId(), msg(2).messageId(), msg(3).messageId(),
                msg(4).messageId(), msg(5).messageId(), msg(6).messageId()));
        verify(found).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        assertThat(persisted).singleElement().isInstanceOfSatisfying(RequestRecord.class, record -> {
            assertThat(record.messageId()).isEqualTo(msg(1).messageId());
            assertThat(record.leaseOwner()).isEqualTo("me");
            assertThat(record.receivedAt()).isEqualTo(NOW);
        });
        assertThat(released.leaseOwner()).isEqualTo("me");
        assertThat(ofTheDead.leaseOwner()).isEqualTo("me");
        assertThat(ofTheLiving.leaseOwner()).isEqualTo("alive");
    }

    @Test
    void findsTheUnackedRequestsOfAnOwnerThatAreNotHandledWithTheirRowsLocked() {
        TypedQuery<RequestRecord> ofMine = query(List.of(stored(1, "me"), stored(2, "me"), stored(3, "me"),
                stored(4, "me")));
        when(em.createQuery("SELECT r FROM RequestRecord r WHERE r.acked = FALSE AND r.leaseOwner = :owner",
                RequestRecord.class)).thenReturn(ofMine);

        List<RestartRequest> unhandled = store.unhandled("me", id -> id.equals(msg(2).messageId()), 2);

        assertThat(unhandled).extracting(RestartRequest::messageId).containsExactly(msg(1).messageId(),
                msg(3).messageId());
        assertThat(unhandled.get(0).hostname()).isEqualTo("cattle-1.example.net");
        verify(ofMine).setParameter("owner", "me");
        verify(ofMine).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    @Test
    void anIdStoredForAnotherHostIsAConflictNotADuplicate() {
        requests(acked(2), stored(3, "alive"));
        RestartRequest reusedAcked = new RestartRequest(msg(2).messageId(), "cattle-other", "example.net");
        RestartRequest reusedInFlight = new RestartRequest(msg(3).messageId(), "cattle-other", "example.net");
        RestartRequest reusedInTheBatch = new RestartRequest(msg(1).messageId(), "cattle-other", "example.net");

        List<Admission> admissions = store.acceptAll(List.of(new Admit(reusedAcked, "me"), new Admit(reusedInFlight, "me"),
                new Admit(msg(1), "me"), new Admit(reusedInTheBatch, "me"), new Admit(msg(1), "me")), NOW);

        assertThat(admissions).extracting(Admission::toString).containsExactly("CONFLICTING", "CONFLICTING",
                "ACCEPTED", "CONFLICTING", "LEASED_ELSEWHERE");
        assertThat(admissions).extracting(Admission::storedInstanceName)
                .containsExactly("cattle-2", "cattle-3", null, "cattle-1", null);
        assertThat(persisted).hasSize(1);
    }

    @Test
    void aSecondDeliveryOfAnAckedRequestInOneBatchIsADuplicateOfTheAck() {
        requests(acked(2));

        assertThat(store.acceptAll(List.of(new Admit(msg(2), "me"), new Admit(msg(2), "me")), NOW))
                .containsExactly(Admission.ALREADY_ACKED, Admission.ALREADY_ACKED);
    }

    @Test
    void storesOutcomesOnlyWhereTheOwnerStillHoldsTheRequest() {
        RequestRecord mine = stored(1, "me");
        RequestRecord taken = stored(2, "alive");
        requests(mine, taken, acked(3));

        List<OutcomeEvent> events = store.storeOutcomes(List.of(new Ack(msg(1), "me", Outcome.DONE, null),
                new Ack(msg(2), "me", Outcome.DONE, null), new Ack(msg(3), "me", Outcome.DONE, null),
                new Ack(msg(9), "me", Outcome.DONE, null), new Ack(msg(1), "me", Outcome.FAILED, "late")), NOW);

        assertThat(events).hasSize(5);
        verify(found).setParameter("ids", List.of(msg(1).messageId(), msg(2).messageId(), msg(3).messageId(),
                msg(9).messageId()));
        verify(found).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        assertThat(events.get(0).outcome()).isEqualTo(Outcome.DONE);
        assertThat(events.get(0).hostname()).isEqualTo("cattle-1.example.net");
        assertThat(events.get(1)).as("taken over").isNull();
        assertThat(events.get(2).outcome()).as("the first ack stands").isEqualTo(Outcome.FAILED);
        assertThat(events.get(3)).as("not stored").isNull();
        assertThat(events.get(4).outcome()).as("acked earlier in the batch").isEqualTo(Outcome.DONE);
        assertThat(mine.acked()).isTrue();
        assertThat(mine.leaseOwner()).isNull();
        assertThat(taken.acked()).isFalse();
        assertThat(persisted).singleElement().isInstanceOfSatisfying(OutboxRecord.class,
                outbox -> assertThat(outbox.messageId()).isEqualTo(msg(1).messageId()));
    }

    @Test
    void nothingToFindFindsNothing() {
        assertThat(store.acceptAll(List.of(), NOW)).isEmpty();
        assertThat(store.storeOutcomes(List.of(), NOW)).isEmpty();
        verify(em, never()).createQuery(startsWith("SELECT r FROM RequestRecord r WHERE r.messageId IN"), eq(RequestRecord.class));
    }

    @Test
    void registersRenewsAndReleasesAnOwner() {
        store.register("me", NOW);
        assertThat(persisted).singleElement().isInstanceOfSatisfying(InstanceRecord.class, instance -> {
            assertThat(instance.owner()).isEqualTo("me");
            assertThat(instance.renewedAt()).isEqualTo(NOW);
            assertThat(instance.expired()).isFalse();
        });

        when(update.executeUpdate()).thenReturn(1, 0, 7, 1);
        assertThat(store.renew("me", NOW)).isTrue();
        assertThat(store.renew("me", NOW)).as("expired by another instance").isFalse();
        assertThat(store.release("me")).isEqualTo(7);
        verify(em).createQuery(startsWith("UPDATE RequestRecord r SET r.leaseOwner = NULL"));
        verify(em).createQuery("UPDATE InstanceRecord i SET i.expired = TRUE WHERE i.owner = :owner");
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimsReleasedRequestsAndThoseOfOwnersThatAreNotLiveAfterExpiringStaleOnes() {
        Query candidates = mock(Query.class, RETURNS_SELF);
        when(candidates.getResultList()).thenReturn(List.of("a", "b", "c"));
        when(em.createNativeQuery(StoreQueries.ABANDONED)).thenReturn(candidates);
        RequestRecord released = stored(1, null);
        RequestRecord ofTheDead = stored(2, "dead");
        RequestRecord renewedMeanwhile = stored(3, "alive");
        requests(released, ofTheDead, renewedMeanwhile);

        List<RestartRequest> claimed = store.claimAbandoned("me", NOW.minusSeconds(3), 10);

        assertThat(claimed).extracting(RestartRequest::instanceName).containsExactlyInAnyOrder("cattle-1", "cattle-2");
        assertThat(released.leaseOwner()).isEqualTo("me");
        assertThat(ofTheDead.leaseOwner()).isEqualTo("me");
        assertThat(renewedMeanwhile.leaseOwner()).isEqualTo("alive");
        verify(em).createQuery(startsWith("UPDATE InstanceRecord i SET i.expired = TRUE WHERE i.expired = FALSE"));
        verify(update).setParameter("stale", NOW.minusSeconds(3));
        verify(candidates).setParameter(1, 10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimsNothingWhenNothingIsAbandoned() {
        Query candidates = mock(Query.class, RETURNS_SELF);
        when(candidates.getResultList()).thenReturn(List.of());
        when(em.createNativeQuery(StoreQueries.ABANDONED)).thenReturn(candidates);

        assertThat(store.claimAbandoned("me", NOW, 10)).isEmpty();
    }

    @Test
    void purgesOldAckedRequestsAndTheHeartbeatsOfExpiredOwnersThatHoldNothing() {
        TypedQuery<String> old = query(List.of("a", "b"));
        when(em.createQuery(StoreQueries.PURGEABLE, String.class)).thenReturn(old);
        TypedQuery<String> gone = query(List.of("dead-1", "dead-2"));
        when(em.createQuery(startsWith("SELECT i.owner FROM InstanceRecord i WHERE i.expired = TRUE"), eq(String.class)))
                .thenReturn(gone);
        TypedQuery<String> holding = query(List.of("dead-2"));
        when(em.createQuery(startsWith("SELECT DISTINCT r.leaseOwner"), eq(String.class))).thenReturn(holding);
        when(update.executeUpdate()).thenReturn(2);

        assertThat(store.purgeAcked(NOW, 100)).isEqualTo(2);

        verify(old).setMaxResults(100);
        ArgumentCaptor<Object> owners = ArgumentCaptor.forClass(Object.class);
        verify(em).createQuery("DELETE FROM InstanceRecord i WHERE i.owner IN :owners");
        verify(update, times(1)).setParameter(eq("owners"), owners.capture());
        assertThat(owners.getValue()).isEqualTo(List.of("dead-1"));
    }

    @Test
    void purgesNothingWhenNothingIsOld() {
        TypedQuery<String> none = query(List.of());
        when(em.createQuery(StoreQueries.PURGEABLE, String.class)).thenReturn(none);
        when(em.createQuery(startsWith("SELECT i.owner FROM InstanceRecord i WHERE i.expired = TRUE"), eq(String.class)))
                .thenReturn(none);

        assertThat(store.purgeAcked(NOW, 100)).isZero();
        verify(em, never()).createQuery(startsWith("DELETE"));
    }

    @Test
    void recordsEachRestartEventOnce() {
        TypedQuery<String> recorded = query(List.of(msg(2).messageId()));
        when(em.createQuery(startsWith("SELECT e.messageId FROM RestartEvent e"), eq(String.class))).thenReturn(recorded);

        store.recordAll(List.of(msg(1), msg(2), msg(1)));

        assertThat(persisted).singleElement().isInstanceOfSatisfying(RestartEvent.class,
                event -> assertThat(event.hostname()).isEqualTo("cattle-1.example.net"));
    }

    @Test
    void theOutboxIsClearedOfSentEventsAndReadOldestFirst() {
        store.markSent(List.of());
        verify(em, never()).createQuery(startsWith("DELETE FROM OutboxRecord"));
        store.markSent(List.of("a", "a", "b"));
        verify(update).setParameter("ids", List.of("a", "b"));

        RequestRecord acked = acked(1);
        requests(acked, stored(2, "me"));
        TypedQuery<String> unsent = query(List.of(msg(1).messageId(), msg(2).messageId(), "gone"));
        when(em.createQuery(StoreQueries.UNSENT, String.class)).thenReturn(unsent);

        assertThat(store.unsent(NOW, 5)).extracting(OutcomeEvent::messageId).containsExactly(msg(1).messageId());
        verify(unsent).setMaxResults(5);
    }

    @Test
    void aStoredOutcomeIsThatOfAnAckedRequestOnly() {
        when(em.find(RequestRecord.class, msg(1).messageId())).thenReturn(acked(1));
        when(em.find(RequestRecord.class, msg(2).messageId())).thenReturn(stored(2, "me"));

        assertThat(store.storedOutcome(msg(1).messageId())).hasValueSatisfying(event -> {
            assertThat(event.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(event.error()).isEqualTo("boom");
        });
        assertThat(store.storedOutcome(msg(2).messageId())).isEmpty();
        assertThat(store.storedOutcome(msg(3).messageId())).isEmpty();
        assertThat(store.find(msg(1).messageId()).acked()).isTrue();
    }

    @Test
    void createsEveryIndexOfThePeriodicQueries() {
        Query ddl = mock(Query.class);
        when(em.createNativeQuery(anyString())).thenReturn(ddl);

        store.createIndexes();

        for (String index : StoreQueries.INDEXES) {
            verify(em).createNativeQuery(index);
        }
        verify(ddl, times(StoreQueries.INDEXES.length)).executeUpdate();
    }
}
