package io.mayhem.store;

import io.mayhem.handling.Outcome;
import io.mayhem.handling.PubSubMessage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A received request's delivery state: its lease while in flight, its outcome once acked. */
@Entity
@Table(name = "MAYHEM_REQUEST")
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
    @Column(name = "LEASE_UNTIL")
    private Instant leaseUntil;
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
    /** False from the ack until its outcome event was sent; null for rows from before this column existed. */
    @Column(name = "EVENT_SENT")
    private Boolean eventSent;

    protected RequestRecord() {
    }

    public RequestRecord(PubSubMessage request, Instant now, String owner, Instant leaseUntil) {
        this.messageId = request.messageId();
        this.instanceName = request.instanceName();
        this.receivedAt = now;
        lease(owner, leaseUntil);
    }

    public void lease(String owner, Instant until) {
        this.leaseOwner = owner;
        this.leaseUntil = until;
    }

    public boolean leasedElsewhere(String me, Instant now) {
        return leaseOwner != null && !leaseOwner.equals(me) && leaseUntil != null && leaseUntil.isAfter(now);
    }

    public boolean leasedBy(String me, Instant now) {
        return me.equals(leaseOwner) && leaseUntil != null && leaseUntil.isAfter(now);
    }

    public void ack(PubSubMessage request, Outcome outcome, String error, Instant now) {
        this.acked = true;
        this.outcome = outcome;
        this.error = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
        this.saved = request.saved();
        this.restarted = request.restarted();
        this.restartAttempts = request.restartAttempts();
        this.extendedCount = request.extendedCount();
        this.ackedAt = now;
        this.eventSent = false;
        lease(null, null);
    }

    public void eventWasSent() {
        this.eventSent = true;
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
    public boolean eventSent() { return !Boolean.FALSE.equals(eventSent); }
    public String leaseOwner() { return leaseOwner; }
    public Instant leaseUntil() { return leaseUntil; }
}
