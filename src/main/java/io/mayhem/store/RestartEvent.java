package io.mayhem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The saved record of one restart (the original's "save into database"). */
@Entity
@Table(name = "MAYHEM_RESTART_EVENT")
public class RestartEvent {

    @Id
    @Column(name = "MESSAGE_ID", length = 36)
    private String messageId;
    @Column(name = "HOSTNAME", length = 320, nullable = false)
    private String hostname;
    @Column(name = "SAVED_AT", nullable = false)
    private Instant savedAt;

    protected RestartEvent() {
    }

    public RestartEvent(String messageId, String hostname, Instant savedAt) {
        this.messageId = messageId;
        this.hostname = hostname;
        this.savedAt = savedAt;
    }

    public String hostname() {
        return hostname;
    }
}
