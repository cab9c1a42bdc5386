package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestRecordTest {

    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @Test
    void belongsToItsOwnerUntilReleasedOrAcked() {
        RequestRecord record = new RequestRecord(msg, now, "a");
        assertThat(record.leaseOwner()).isEqualTo("a");
        assertThat(record.receivedAt()).isEqualTo(now);
        record.lease("b");
        assertThat(record.leaseOwner()).isEqualTo("b");

        record.ack(msg, Outcome.DONE, null, now);

        assertThat(record.leaseOwner()).isNull();
        assertThat(record.acked()).isTrue();
        assertThat(record.ackedAt()).isEqualTo(now);
    }

    @Test
    void keepsAtMost2000CharactersOfTheError() {
        RequestRecord record = new RequestRecord(msg, now, "a");
        record.ack(msg, Outcome.FAILED, "e".repeat(2500), now);

        assertThat(record.error()).hasSize(2000);
        record.ack(msg, Outcome.DONE, null, now);
        assertThat(record.error()).isNull();
    }
}
