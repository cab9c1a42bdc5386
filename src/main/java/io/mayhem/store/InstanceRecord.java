package io.mayhem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One lease owner's heartbeat (an instance's epoch): every request it holds names it, so one UPDATE of this
 * row renews all of their leases. Expired once its heartbeat is older than extend-by (by the sweeping
 * instance), after which it can no longer renew.
 */
@Entity
@Table(name = "MAYHEM_INSTANCE")
public class InstanceRecord {

    @Id
    @Column(name = "OWNER", length = 64)
    private String owner;
    @Column(name = "RENEWED_AT", nullable = false)
    private Instant renewedAt;
    @Column(name = "EXPIRED", nullable = false)
    private boolean expired;

    protected InstanceRecord() {
    }

    public InstanceRecord(String owner, Instant renewedAt) {
        this.owner = owner;
        this.renewedAt = renewedAt;
    }

    public String owner() { return owner; }
    public Instant renewedAt() { return renewedAt; }
    public boolean expired() { return expired; }
}
