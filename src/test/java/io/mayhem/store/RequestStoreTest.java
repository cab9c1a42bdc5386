package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.configuration.Settings;
import io.mayhem.handling.Outcome;
import io.mayhem.handling.OutcomeEvent;
import io.mayhem.handling.PubSubMessage;
import io.mayhem.intake.Inbox.Admission;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The store's decisions, with the EntityManager mocked; the container tests run it against H2. */
class RequestStoreTest {

    static final String ID = "6f1c6a2e-0000-4000-8000-000000000001";

    RequestStore store = new RequestStore();
    EntityManager em = mock(EntityManager.class);
    PubSubMessage msg = new PubSubMessage(ID, "cattle-1a2b", "example.net");

    @BeforeEach
    void wire() {
        store.em = em;
        store.settings = Settings.defaults();
    }

    private void stored(RequestRecord record) {
        when(em.find(RequestRecord.class, ID, LockModeType.PESSIMISTIC_WRITE)).thenReturn(record);
    }

    @Test
    void acceptsANewRequestAndStoresItWithALeaseOfThisInstance() {
        assertThat(store.accept(msg)).isEqualTo(Admission.ACCEPTED);

        ArgumentCaptor<RequestRecord> persisted = ArgumentCaptor.forClass(RequestRecord.class);
        verify(em).persist(persisted.capture());
        assertThat(persisted.getValue().messageId()).isEqualTo(ID);
        assertThat(persisted.getValue().instanceName()).isEqualTo("cattle-1a2b");
        assertThat(persisted.getValue().leaseOwner()).isNotNull();
        assertThat(persisted.getValue().leaseUntil()).isAfter(Instant.now());
    }

    @Test
    void doesNotRunAnAckedRequestAgain() {
        RequestRecord acked = new RequestRecord(msg, Instant.now(), "other", Instant.now());
        acked.ack(msg, Outcome.DONE, null, Instant.now());
        stored(acked);

        assertThat(store.accept(msg)).isEqualTo(Admission.ALREADY_ACKED);
        verify(em, never()).persist(any());
    }

    @Test
    void leavesARequestOnALiveLeaseOfAnotherInstanceToItsOwner() {
        stored(new RequestRecord(msg, Instant.now(), "other", Instant.now().plusSeconds(60)));

        assertThat(store.accept(msg)).isEqualTo(Admission.LEASED_ELSEWHERE);
    }

    @Test
    void takesOverARequestWhoseLeaseExpired() {
        RequestRecord expired = new RequestRecord(msg, Instant.now(), "other", Instant.now().minusSeconds(1));
        stored(expired);

        assertThat(store.accept(msg)).isEqualTo(Admission.ACCEPTED);
        assertThat(expired.leaseOwner()).isNotEqualTo("other");
    }

    @Test
    void aRedeliveryOfARequestInFlightHereIsNotStartedTwice() {
        store.accept(msg);
        ArgumentCaptor<RequestRecord> persisted = ArgumentCaptor.forClass(RequestRecord.class);
        verify(em).persist(persisted.capture());
        stored(persisted.getValue());

        assertThat(store.accept(msg)).isEqualTo(Admission.LEASED_ELSEWHERE);
    }

    @Test
    void extendsAndReleasesOnlyThisInstancesLeasesWithOneStatementEach() {
        Query query = mock(Query.class, RETURNS_SELF);
        when(em.createQuery(anyString())).thenReturn(query);
        when(query.executeUpdate()).thenReturn(4);

        store.extend(ID, Instant.EPOCH, 2);
        assertThat(store.releaseAll()).isEqualTo(4);

        verify(query).setParameter("until", Instant.EPOCH);
        verify(query).setParameter("count", 2);
        verify(query, org.mockito.Mockito.times(2)).setParameter(eq("owner"), anyString());
    }

    @Test
    void recordsTheRestartEventOnce() {
        store.record(msg);
        when(em.find(RestartEvent.class, ID)).thenReturn(new RestartEvent(ID, msg.hostname(), Instant.now()));
        store.record(msg);

        ArgumentCaptor<RestartEvent> persisted = ArgumentCaptor.forClass(RestartEvent.class);
        verify(em).persist(persisted.capture());
        assertThat(persisted.getValue().hostname()).isEqualTo("cattle-1a2b.example.net");
    }

    @Test
    void storesTheOutcomeOnAck() {
        RequestRecord record = new RequestRecord(msg, Instant.now(), "me", Instant.now());
        stored(record);
        msg.markSaved();
        msg.countRestartAttempt();
        msg.countExtension();

        OutcomeEvent event = store.markAcked(msg, Outcome.FAILED, "Could not restart cattle-1a2b.example.net");

        assertThat(record.acked()).isTrue();
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.error()).isEqualTo("Could not restart cattle-1a2b.example.net");
        assertThat(record.saved()).isTrue();
        assertThat(record.restarted()).isFalse();
        assertThat(record.restartAttempts()).isEqualTo(1);
        assertThat(record.extendedCount()).isEqualTo(1);
        assertThat(record.ackedAt()).isNotNull();
        assertThat(record.leaseOwner()).isNull();
        assertThat(record.leaseUntil()).isNull();
        assertThat(event.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(event.error()).isEqualTo("Could not restart cattle-1a2b.example.net");
        assertThat(event.ackedAt()).isEqualTo(record.ackedAt());
        assertThat(event.restartAttempts()).isEqualTo(1);
    }

    @Test
    void theFirstAckWinsWhenARequestWasHandledTwice() {
        RequestRecord record = new RequestRecord(msg, Instant.now(), "me", Instant.now());
        stored(record);
        OutcomeEvent first = store.markAcked(msg, Outcome.FAILED, "Could not save x");

        msg.markSaved();
        msg.markRestarted();
        OutcomeEvent second = store.markAcked(msg, Outcome.DONE, null);

        assertThat(second).isEqualTo(first);
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.error()).isEqualTo("Could not save x");
        assertThat(record.saved()).isFalse();
    }

    @Test
    void refusesToAckARequestThatWasNeverStored() {
        assertThatThrownBy(() -> store.markAcked(msg, Outcome.DONE, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ID);
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimsAbandonedRequestsThatNoOtherInstanceTookFirst() {
        jakarta.persistence.TypedQuery<RequestRecord> select = mock(jakarta.persistence.TypedQuery.class, RETURNS_SELF);
        when(em.createQuery(anyString(), eq(RequestRecord.class))).thenReturn(select);
        RequestRecord mine = new RequestRecord(msg, Instant.now(), null, null);
        PubSubMessage other = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000002", "cattle-2", "example.net");
        when(select.getResultList()).thenReturn(java.util.List.of(mine, new RequestRecord(other, Instant.now(), null, null)));
        Query update = mock(Query.class, RETURNS_SELF);
        when(em.createQuery(anyString())).thenReturn(update);
        when(update.executeUpdate()).thenReturn(1, 0);

        assertThat(store.claimAbandoned(10)).extracting(PubSubMessage::messageId, PubSubMessage::hostname)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ID, "cattle-1a2b.example.net"));
        verify(select).setMaxResults(10);
    }

    @Test
    void knowsTheStoredOutcomeOnlyOfAckedRequests() {
        RequestRecord record = new RequestRecord(msg, Instant.now(), "me", Instant.now());
        when(em.find(RequestRecord.class, ID)).thenReturn(record);
        assertThat(store.storedOutcome(ID)).isEmpty();
        assertThat(store.storedOutcome("unknown")).isEmpty();

        msg.markRestarted();
        record.ack(msg, Outcome.FAILED, "Could not save x", Instant.EPOCH);

        assertThat(store.storedOutcome(ID)).hasValueSatisfying(event -> {
            assertThat(event.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(event.hostname()).isEqualTo("cattle-1a2b.example.net");
            assertThat(event.restarted()).isTrue();
            assertThat(event.error()).isEqualTo("Could not save x");
            assertThat(event.ackedAt()).isEqualTo(Instant.EPOCH);
        });
    }

    @Test
    void findsByMessageId() {
        RequestRecord record = new RequestRecord(msg, Instant.now(), "me", Instant.now());
        when(em.find(RequestRecord.class, ID)).thenReturn(record);

        assertThat(store.find(ID)).isSameAs(record);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAckedRequestsWhoseEventWasNotSentWithTheirStoredOutcome() {
        jakarta.persistence.TypedQuery<RequestRecord> select = mock(jakarta.persistence.TypedQuery.class, RETURNS_SELF);
        when(em.createQuery(anyString(), eq(RequestRecord.class))).thenReturn(select);
        RequestRecord acked = new RequestRecord(msg, Instant.now(), "me", Instant.now());
        acked.ack(msg, Outcome.FAILED, "Could not restart cattle-1a2b.example.net", Instant.parse("2026-01-01T00:00:05Z"));
        when(select.getResultList()).thenReturn(java.util.List.of(acked));

        assertThat(store.unsentOutcomes(Instant.parse("2026-01-01T00:00:10Z"), 5))
                .extracting(e -> e.messageId(), e -> e.outcome(), e -> e.hostname())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ID, Outcome.FAILED, "cattle-1a2b.example.net"));
        verify(select).setParameter("before", Instant.parse("2026-01-01T00:00:10Z"));
        verify(select).setMaxResults(5);
    }

    @Test
    void anAckLeavesTheEventUnsentUntilItIsMarkedSent() {
        RequestRecord record = new RequestRecord(msg, Instant.now(), "me", Instant.now());
        assertThat(record.eventSent()).as("nothing to send before the ack").isTrue();
        record.ack(msg, Outcome.DONE, null, Instant.now());
        assertThat(record.eventSent()).isFalse();
        when(em.find(RequestRecord.class, ID)).thenReturn(record);

        store.markEventSent(ID);
        store.markEventSent("unknown");

        assertThat(record.eventSent()).isTrue();
    }
}
