package io.mayhem.store;

import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A received request's delivery state: the lease owner handling it while in flight, its outcome once acked.
 * The indexes serve the periodic queries (the sweep reads unacked rows only; the purge, old acked rows), so
 * their cost does not grow with the history ({@link StoreQueries}).
 */
@Entity
@Table(name = "MAYHEM_REQUEST", indexes = {
        @Index(name = StoreQueries.OWNER_INDEX, columnList = "ACKED, LEASE_OWNER"),
        @Index(name = StoreQueries.ACKED_AT_INDEX, columnList = "ACKED, ACKED_AT")})
public class RequestRecord {

    @Id
    @Column(name = "MESSAGE_ID", length = 36)
    private String messageId;
    @Column(name = "INSTANCE_NAME", length = 63, nullable = false)
    private String instanceName;
    @Column(name = "RECEIVED_AT", nullable = false)
    private Instant receivedAt;
    @Column(name = "LEASE_OWNER", length = 64)
    private String leaseOwner;
    @Column(name = "EXTENDED_COUNT")
    private int extendedCount;
    @Column(name = "ACKED")
    private boolean acked;
    @Enumerated(EnumType.STRING)
    @Column(name = "OUTCOME", length = 8)
    private Outcome outcome;
    @Column(name = "ERROR", length = 2000)
    private String error;
    @Column(name = "SAVED")
    private boolean saved;
    @Column(name = "RESTARTED")
    private boolean restarted;
    @Column(name = "RESTART_ATTEMPTS")
    private int restartAttempts;
    @Column(name = "ACKED_AT")
    private Instant ackedAt;

    protected RequestRecord() {
    }

    public RequestRecord(RestartRequest request, Instant now, String owner) {
        this.messageId = request.messageId();
        this.instanceName = request.instanceName();
        this.receivedAt = now;
        this.leaseOwner = owner;
    }

    /** Hands the request to this lease owner. */
    public void lease(String owner) {
        this.leaseOwner = owner;
    }

    public void ack(RestartRequest request, Outcome outcome, String error, Instant now) {
        this.acked = true;
        this.outcome = outcome;
        this.error = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
        this.saved = request.saved();
        this.restarted = request.restarted();
        this.restartAttempts = request.restartAttempts();
        this.extendedCount = request.extendedCount();
        this.ackedAt = now;
        this.leaseOwner = null;
    }

    public String messageId() { return messageId; }
    public String instanceName() { return instanceName; }
    public boolean acked() { return acked; }
    public Outcome outcome() { return outcome; }
    public String error() { return error; }
    public boolean saved() { return saved; }
    public boolean restarted() { return restarted; }
    public int restartAttempts() { return restartAttempts; }
    public int extendedCount() { return extendedCount; }
    public Instant ackedAt() { return ackedAt; }
    public String leaseOwner() { return leaseOwner; }
    public Instant receivedAt() { return receivedAt; }
}
