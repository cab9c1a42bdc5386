package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.guardrails.ChaosState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's decisions, with the EntityManager mocked; GuardrailsIT runs it on H2 with requests racing. */
class GuardrailStoreTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    GuardrailStore store = new GuardrailStore();
    EntityManager em = mock(EntityManager.class);
    List<Object> persisted = new ArrayList<>();
    ChaosStateRecord row = new ChaosStateRecord(false);
    @SuppressWarnings("unchecked")
    TypedQuery<Long> last = mock(TypedQuery.class, RETURNS_SELF);
    @SuppressWarnings("unchecked")
    TypedQuery<Long> recent = mock(TypedQuery.class, RETURNS_SELF);
    @SuppressWarnings("unchecked")
    TypedQuery<Long> held = mock(TypedQuery.class, RETURNS_SELF);
    Query delete = mock(Query.class, RETURNS_SELF);

    @BeforeEach
    void wire() {
        store.em = em;
        org.mockito.Mockito.doAnswer(call -> persisted.add(call.getArgument(0))).when(em).persist(any());
        when(em.find(ChaosStateRecord.class, ChaosStateRecord.ID, LockModeType.PESSIMISTIC_WRITE)).thenReturn(row);
        when(em.createQuery(org.mockito.ArgumentMatchers.startsWith("SELECT MAX"), eq(Long.class))).thenReturn(last);
        when(em.createQuery(org.mockito.ArgumentMatchers.contains("c.claimedAtMillis > :since"), eq(Long.class)))
                .thenReturn(recent);
        when(em.createQuery(org.mockito.ArgumentMatchers.contains("c.messageId = :id"), eq(Long.class))).thenReturn(held);
        when(held.getSingleResult()).thenReturn(0L);
        when(em.createQuery(org.mockito.ArgumentMatchers.startsWith("DELETE"))).thenReturn(delete);
    }

    @Test
    void aTargetRestartedWithinTheMinimumIntervalIsRefusedAndNothingRecorded() {
        when(last.getSingleResult()).thenReturn(NOW.minusSeconds(299).toEpochMilli());

        assertThat(store.claim("cattle-1a2b", "m-1", NOW, Duration.ofMinutes(5), 0, Duration.ofHours(1))).hasValue(
                "minimum interval: cattle-1a2b was last restarted at 2026-01-01T11:55:01Z, less than 5m ago "
                        + "(mayhem.restart.min-interval-per-target)");
        verify(last).setParameter("target", "cattle-1a2b");
        assertThat(persisted).isEmpty();
    }

    @Test
    void aTargetRestartedExactlyTheIntervalAgoMayBeRestartedAgain() {
        when(last.getSingleResult()).thenReturn(NOW.minusSeconds(300).toEpochMilli());

        assertThat(store.claim("cattle-1a2b", "m-1", NOW, Duration.ofMinutes(5), 0, Duration.ofHours(1))).isEmpty();
        assertThat(persisted).singleElement().isInstanceOfSatisfying(RestartClaimRecord.class, claim -> {
            assertThat(claim.target()).isEqualTo("cattle-1a2b");
            assertThat(claim.messageId()).isEqualTo("m-1");
            assertThat(claim.claimedAt()).isEqualTo(NOW);
        });
        verify(em).find(ChaosStateRecord.class, ChaosStateRecord.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    @Test
    void aFullWindowRefusesAndOneFreePlaceIsTaken() {
        when(recent.getSingleResult()).thenReturn(3L);

        assertThat(store.claim("cattle-1a2b", "m-1", NOW, Duration.ZERO, 3, Duration.ofHours(1))).hasValue(
                "maximum per window: 3 restarts in the last 1h cluster-wide already (mayhem.restart.max-per-window=3)");
        verify(recent).setParameter("since", NOW.minus(Duration.ofHours(1)).toEpochMilli());
        verify(em, never()).createQuery(org.mockito.ArgumentMatchers.startsWith("SELECT MAX"), eq(Long.class));
        assertThat(persisted).isEmpty();

        when(recent.getSingleResult()).thenReturn(2L);
        assertThat(store.claim("cattle-1a2b", "m-1", NOW, Duration.ZERO, 3, Duration.ofHours(1))).isEmpty();
        assertThat(persisted).hasSize(1);
    }

    @Test
    void claimsOlderThanTheLongerSpanAreDeleted() {
        when(recent.getSingleResult()).thenReturn(0L);
        store.claim("cattle-1a2b", "m-1", NOW, Duration.ofHours(2), 0, Duration.ofHours(1));
        verify(delete).setParameter("before", NOW.minus(Duration.ofHours(2)).toEpochMilli());

        store.claim("cattle-1a2b", "m-1", NOW, Duration.ZERO, 5, Duration.ofHours(1));
        verify(delete).setParameter("before", NOW.minus(Duration.ofHours(1)).toEpochMilli());
    }

    @Test
    void theSwitchIsReadAndWrittenOnTheOneRowMadeWhenMissing() {
        assertThat(store.read()).isEqualTo(ChaosState.RUNNING);

        when(em.find(ChaosStateRecord.class, ChaosStateRecord.ID)).thenReturn(row);
        assertThat(store.write(true, "alice", NOW)).isEqualTo(new ChaosState(true, "alice", NOW));
        assertThat(store.read()).isEqualTo(new ChaosState(true, "alice", NOW));

        store.createRow();
        assertThat(persisted).isEmpty();
        when(em.find(ChaosStateRecord.class, ChaosStateRecord.ID)).thenReturn(null);
        store.createRow();
        assertThat(persisted).singleElement().isInstanceOf(ChaosStateRecord.class);
    }

    @Test
    void theFirstClaimEverMakesTheRowAndLocksIt() {
        when(em.find(ChaosStateRecord.class, ChaosStateRecord.ID, LockModeType.PESSIMISTIC_WRITE)).thenReturn(null, row);
        when(recent.getSingleResult()).thenReturn(0L);

        assertThat(store.claim("cattle-1a2b", "m-1", NOW, Duration.ZERO, 3, Duration.ofHours(1))).isEmpty();

        assertThat(persisted).hasSize(2).first().isInstanceOf(ChaosStateRecord.class);
        org.mockito.InOrder order = org.mockito.Mockito.inOrder(em);
        order.verify(em).persist(any(ChaosStateRecord.class));
        order.verify(em).flush();
        order.verify(em).find(ChaosStateRecord.class, ChaosStateRecord.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    @Test
    void aRequestHandledAgainKeepsItsPlaceAndTakesNoOther() {
        when(held.getSingleResult()).thenReturn(1L);
        when(last.getSingleResult()).thenReturn(NOW.minusSeconds(10).toEpochMilli());
        when(recent.getSingleResult()).thenReturn(3L);

        assertThat(store.claim("cattle-1a2b", "m-1", NOW, Duration.ofMinutes(5), 3, Duration.ofHours(1))).isEmpty();

        verify(held).setParameter("id", "m-1");
        assertThat(persisted).isEmpty();
    }

    @Test
    void aLongNameIsCutToItsColumn() {
        row.change(true, "x".repeat(300), NOW);
        assertThat(row.changedBy()).hasSize(200);
    }
}
