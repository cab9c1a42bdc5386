package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.handling.Outcome;
import io.mayhem.handling.PubSubMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestRecordTest {

    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    PubSubMessage msg = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @Test
    void aLeaseIsLiveUntilItsDeadlineAndBelongsToItsOwner() {
        RequestRecord record = new RequestRecord(msg, now, "a", now.plusSeconds(3));

        assertThat(record.leasedBy("a", now)).isTrue();
        assertThat(record.leasedElsewhere("a", now)).isFalse();
        assertThat(record.leasedElsewhere("b", now)).isTrue();
        assertThat(record.leasedBy("b", now)).isFalse();
        assertThat(record.leasedElsewhere("b", now.plusSeconds(3))).isFalse();
        assertThat(record.leasedBy("a", now.plusSeconds(3))).isFalse();
    }

    @Test
    void aReleasedLeaseBelongsToNobody() {
        RequestRecord record = new RequestRecord(msg, now, "a", now.plusSeconds(3));
        record.lease(null, null);

        assertThat(record.leasedElsewhere("b", now)).isFalse();
        assertThat(record.leasedBy("a", now)).isFalse();
        record.lease("a", null);
        assertThat(record.leasedElsewhere("b", now)).isFalse();
        assertThat(record.leasedBy("a", now)).isFalse();
    }

    @Test
    void keepsAtMost2000CharactersOfTheError() {
        RequestRecord record = new RequestRecord(msg, now, "a", now);
        record.ack(msg, Outcome.FAILED, "e".repeat(2500), now);

        assertThat(record.error()).hasSize(2000);
        record.ack(msg, Outcome.DONE, null, now);
        assertThat(record.error()).isNull();
    }
}
