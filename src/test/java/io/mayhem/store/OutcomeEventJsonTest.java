package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.request.RestartRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutcomeEventJsonTest {

    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");
    Instant ackedAt = Instant.parse("2026-01-01T00:00:05Z");

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aFailedOutcomeCarriesEveryContractFieldAndTheError() {
        msg.markSaved();
        msg.countRestartAttempt();
        msg.countExtension();
        JsonObject event = json(OutcomeEventJson.of(OutcomeEvent.of(msg, Outcome.FAILED, "Could not restart x", ackedAt)));

        assertThat(event.keySet()).containsExactly("message_id", "instance_name", "hostname", "outcome", "saved",
                "restarted", "restart_attempts", "extended_count", "error", "acked_at");
        assertThat(event.getString("outcome")).isEqualTo("FAILED");
        assertThat(event.getBoolean("saved")).isTrue();
        assertThat(event.getBoolean("restarted")).isFalse();
        assertThat(event.getInt("restart_attempts")).isEqualTo(1);
        assertThat(event.getInt("extended_count")).isEqualTo(1);
        assertThat(event.getString("error")).isEqualTo("Could not restart x");
        assertThat(event.getString("acked_at")).isEqualTo("2026-01-01T00:00:05Z");
    }

    @Test
    void aDoneOutcomeHasNoError() {
        assertThat(json(OutcomeEventJson.of(OutcomeEvent.of(msg, Outcome.DONE, null, ackedAt)))).doesNotContainKey("error");
    }

    @Test
    void aSkippedOutcomeCarriesItsReasonAsReasonNotError() {
        msg.markSaved();
        JsonObject event = json(OutcomeEventJson.of(OutcomeEvent.of(msg, Outcome.SKIPPED,
                "dry run (mayhem.restarter.dry-run=true): would run [ssh, cattle-1a2b.example.net]", ackedAt)));

        assertThat(event.keySet()).containsExactly("message_id", "instance_name", "hostname", "outcome", "saved",
                "restarted", "restart_attempts", "extended_count", "reason", "acked_at");
        assertThat(event.getString("outcome")).isEqualTo("SKIPPED");
        assertThat(event.getString("reason")).startsWith("dry run");
        assertThat(event.getBoolean("restarted")).isFalse();
    }
}
