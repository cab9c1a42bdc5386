package io.mayhem.store;

import io.mayhem.configuration.Durations;
import io.mayhem.guardrails.ChaosState;
import io.mayhem.guardrails.ChaosStateStore;
import io.mayhem.guardrails.RestartLedger;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JPA: the cluster-wide guardrails (docs/design.md section 10), the kill switch and the restart budget's ledger.
 * Every method is one transaction. A claim locks the one {@link ChaosStateRecord} row first, so claims by all
 * instances on one database run one at a time and two of them can never both take the last place.
 */
@Stateless
@LocalBean
public class GuardrailStore implements ChaosStateStore, RestartLedger {

    @PersistenceContext(unitName = "mayhem")
    EntityManager em;

    /**
     * Makes the one row when missing, at start, so that claims find it; when two instances start at once, one of
     * them fails here with a duplicate key, which its caller ignores: in a transaction of its own, so that the
     * failure cannot roll back the caller's.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createRow() {
        if (em.find(ChaosStateRecord.class, ChaosStateRecord.ID) == null) {
            em.persist(new ChaosStateRecord(false));
        }
    }

    @Override
    public ChaosState read() {
        ChaosStateRecord row = em.find(ChaosStateRecord.class, ChaosStateRecord.ID);
        return row == null ? ChaosState.RUNNING : state(row);
    }

    @Override
    public ChaosState write(boolean paused, String by, Instant at) {
        ChaosStateRecord row = lockedRow();
        row.change(paused, by, at);
        return state(row);
    }

    @Override
    public Optional<String> claim(String target, String messageId, Instant now, Duration minInterval, int maxPerWindow,
                                  Duration window) {
        lockedRow();
        Long held = em.createQuery("SELECT COUNT(c) FROM RestartClaimRecord c WHERE c.messageId = :id", Long.class)
                .setParameter("id", messageId).getSingleResult();
        if (held > 0) {
            return Optional.empty();
        }
        if (!minInterval.isZero()) {
            Long last = em.createQuery("SELECT MAX(c.claimedAtMillis) FROM RestartClaimRecord c WHERE c.target = :target",
                    Long.class).setParameter("target", target).getSingleResult();
            if (last != null && last > now.minus(minInterval).toEpochMilli()) {
                return Optional.of("minimum interval: " + target + " was last restarted at " + Instant.ofEpochMilli(last)
                        + ", less than " + Durations.format(minInterval) + " ago (mayhem.restart.min-interval-per-target)");
            }
        }
        if (maxPerWindow > 0) {
            long recent = em.createQuery("SELECT COUNT(c) FROM RestartClaimRecord c WHERE c.claimedAtMillis > :since",
                    Long.class).setParameter("since", now.minus(window).toEpochMilli()).getSingleResult();
            if (recent >= maxPerWindow) {
                return Optional.of("maximum per window: " + recent + " restarts in the last " + Durations.format(window)
                        + " cluster-wide already (mayhem.restart.max-per-window=" + maxPerWindow + ")");
            }
        }
        em.persist(new RestartClaimRecord(UUID.randomUUID().toString(), messageId, target, now));
        Duration keep = Collections.max(List.of(minInterval, window));
        em.createQuery("DELETE FROM RestartClaimRecord c WHERE c.claimedAtMillis < :before")
                .setParameter("before", now.minus(keep).toEpochMilli()).executeUpdate();
        return Optional.empty();
    }

    /** The one row, locked for this transaction; made when missing (by whichever instance comes first). */
    private ChaosStateRecord lockedRow() {
        ChaosStateRecord row = em.find(ChaosStateRecord.class, ChaosStateRecord.ID, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            em.persist(new ChaosStateRecord(false));
            em.flush();
            row = em.find(ChaosStateRecord.class, ChaosStateRecord.ID, LockModeType.PESSIMISTIC_WRITE);
        }
        return row;
    }

    private static ChaosState state(ChaosStateRecord row) {
        return new ChaosState(row.paused(), row.changedBy(), row.changedAt());
    }
}
