package io.mayhem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One restart a guardrail let through (the restart budget's ledger): its request, target and when, in epoch
 * milliseconds.
 * Deleted once older than both limits' spans.
 */
@Entity
@Table(name = "MAYHEM_RESTART_CLAIM")
public class RestartClaimRecord {

    @Id
    @Column(name = "ID", length = 64)
    private String id;
    @Column(name = "MESSAGE_ID", length = 255, nullable = false)
    private String messageId;
    @Column(name = "TARGET", length = 255, nullable = false)
    private String target;
    @Column(name = "CLAIMED_AT_MS", nullable = false)
    private long claimedAtMillis;

    protected RestartClaimRecord() {
    }

    RestartClaimRecord(String id, String messageId, String target, Instant claimedAt) {
        this.id = id;
        this.messageId = messageId;
        this.target = target;
        this.claimedAtMillis = claimedAt.toEpochMilli();
    }

    String messageId() { return messageId; }
    String target() { return target; }
    Instant claimedAt() { return Instant.ofEpochMilli(claimedAtMillis); }
}
