package io.mayhem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An acked request whose outcome event is not known to be sent yet (the outbox): written with the ack,
 * deleted once the event was sent. A small table, so the resend scan stays cheap whatever the history.
 */
@Entity
@Table(name = "MAYHEM_OUTBOX", indexes = @Index(name = "MAYHEM_OUTBOX_STORED", columnList = "STORED_AT"))
public class OutboxRecord {

    @Id
    @Column(name = "MESSAGE_ID", length = 36)
    private String messageId;
    @Column(name = "STORED_AT", nullable = false)
    private Instant storedAt;

    protected OutboxRecord() {
    }

    public OutboxRecord(String messageId, Instant storedAt) {
        this.messageId = messageId;
        this.storedAt = storedAt;
    }

    public String messageId() { return messageId; }
}
