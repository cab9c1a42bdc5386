package io.mayhem.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.RequestSender;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.SequentialIds;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class ManualRestartsTest {

    @RegisterExtension
    LogCapture log = new LogCapture(ManualRestarts.class.getName());

    RequestSender sender = mock(RequestSender.class);
    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats(() -> 0);
    ManualRestarts restarts = new ManualRestarts(sender, new RateLimiter(time.clock(), 2),
            new SequentialIds("id-1", "id-2", "id-3"), stats, "example.net");

    @Test
    void publishesOneRequestWithANewIdAndCountsIt() {
        ManualRestarts.Result result = restarts.request("ops", "cattle-1a2b");

        assertThat(result).isEqualTo(new ManualRestarts.Accepted("id-1"));
        ArgumentCaptor<RestartRequest> sent = ArgumentCaptor.forClass(RestartRequest.class);
        verify(sender).send(sent.capture());
        assertThat(sent.getValue().messageId()).isEqualTo("id-1");
        assertThat(sent.getValue().hostname()).isEqualTo("cattle-1a2b.example.net");
        assertThat(stats.snapshot().get("published")).isEqualTo(1L);
        assertThat(log.records()).singleElement().satisfies(r -> assertThat(r.getMessage()).isEqualTo(
                "Published manual restart PubSubMessage(instance_name=cattle-1a2b) requested by ops [message_id=id-1]"));
    }

    @Test
    void pastTheRateItPublishesNothingAndSaysWhenToRetry() {
        restarts.request("ops", "a");
        restarts.request("ops", "b");

        ManualRestarts.Result limited = restarts.request("ops", "c");

        assertThat(limited).isEqualTo(new ManualRestarts.Limited(30));
        verify(sender, org.mockito.Mockito.times(2)).send(any());
        assertThat(stats.snapshot().get("published")).isEqualTo(2L);
        assertThat(log.messages(Level.INFO)).last()
                .isEqualTo("Refused a manual restart of c by ops: over the rate limit, retry after 30 s");
        time.advance(Duration.ofSeconds(30));
        assertThat(restarts.request("ops", "c")).isEqualTo(new ManualRestarts.Accepted("id-3"));
    }

    @Test
    void aFailedSendEscapesAndIsNotCounted() {
        doThrow(new IllegalStateException("broker gone")).when(sender).send(any());

        assertThatThrownBy(() -> restarts.request("ops", "a")).hasMessage("broker gone");
        assertThat(stats.snapshot().get("published")).isEqualTo(0L);
    }
}
