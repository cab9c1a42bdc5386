package io.mayhem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The one row of cluster-wide chaos state: the kill switch, and the lock every restart-budget claim takes, so
 * claims from all instances happen one at a time. Times are epoch milliseconds (not serialized Instants,
 * docs/decisions/0019).
 */
@Entity
@Table(name = "MAYHEM_CHAOS")
public class ChaosStateRecord {

    /** The id of the one row. */
    public static final int ID = 1;

    @Id
    @Column(name = "ID")
    private int id;
    @Column(name = "PAUSED", nullable = false)
    private boolean paused;
    @Column(name = "CHANGED_BY", length = 200)
    private String changedBy;
    @Column(name = "CHANGED_AT_MS")
    private Long changedAtMillis;

    protected ChaosStateRecord() {
    }

    ChaosStateRecord(boolean paused) {
        this.id = ID;
        this.paused = paused;
    }

    void change(boolean paused, String by, Instant at) {
        this.paused = paused;
        this.changedBy = by == null || by.length() <= 200 ? by : by.substring(0, 200);
        this.changedAtMillis = at.toEpochMilli();
    }

    boolean paused() { return paused; }
    String changedBy() { return changedBy; }
    Instant changedAt() { return changedAtMillis == null ? null : Instant.ofEpochMilli(changedAtMillis); }
}
