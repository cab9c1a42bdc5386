package io.mayhem.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.ScriptedRandom;
import io.mayhem.testkit.SequentialIds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mockito;

class PublisherTest {

    RequestSender sender = mock(RequestSender.class);
    ManualExecutor executor = new ManualExecutor();
    Stats stats = new Stats(() -> 0);
    Publisher publisher = new Publisher(sender, executor, new SequentialIds("id-1", "id-2", "id-3"),
            new ScriptedRandom().ints(0, 1, 2, 3, 26, 27, 28, 29, 35, 34, 33, 32), stats, "example.net", 2);

    @Test
    void handsOffRequestsInOrderAndSendsThemOnlyWhenTheExecutorRuns() {
        List<RestartRequest> handedOff = publisher.publish(3);

        assertThat(handedOff).extracting(RestartRequest::messageId).containsExactly("id-1", "id-2", "id-3");
        assertThat(handedOff).extracting(RestartRequest::instanceName)
                .containsExactly("cattle-abcd", "cattle-0123", "cattle-9876");
        assertThat(executor.pending()).isEqualTo(3);
        verifyNoInteractions(sender);

        executor.runUntilIdle();

        ArgumentCaptor<RestartRequest> sent = ArgumentCaptor.forClass(RestartRequest.class);
        InOrder order = inOrder(sender);
        order.verify(sender, Mockito.times(3)).send(sent.capture());
        assertThat(sent.getAllValues()).containsExactlyElementsOf(handedOff);
        assertThat(stats.snapshot()).containsEntry("published", 3L);
    }

    @Test
    void makesHostnamesInTheConfiguredDomain() {
        assertThat(publisher.publish(1)).extracting(RestartRequest::hostname).containsExactly("cattle-abcd.example.net");
    }

    @Test
    void eachTickHandsOffTheConfiguredNumberAndNoneWhenThatIsZero() {
        assertThat(publisher.tick()).extracting(RestartRequest::messageId).containsExactly("id-1", "id-2");
        Publisher disabled = new Publisher(sender, executor, new SequentialIds(), new ScriptedRandom(), stats,
                "example.net", 0);

        assertThat(disabled.tick()).isEmpty();
        assertThat(executor.pending()).isEqualTo(2);
    }

    @Test
    void publishesNothingOnceStopped() {
        publisher.stop();

        assertThat(publisher.publish(3)).isEmpty();
        assertThat(executor.pending()).isZero();
    }

    @Test
    void publishesForTheNamesOfAFixedList() {
        Publisher listed = new Publisher(sender, executor, new SequentialIds("id-1", "id-2", "id-3"),
                new FixedTargets(List.of("web-1", "web-2", "db-1"), new ScriptedRandom().ints(2, 0, 1, 0)), stats,
                "example.net", 3);

        assertThat(listed.tick()).extracting(RestartRequest::hostname)
                .containsExactly("db-1.example.net", "web-1.example.net", "web-2.example.net");
    }

    @Test
    void publishesOnlyAsManyAsTheTargetsGive() {
        java.util.Iterator<String> two = List.of("web-1", "web-2").iterator();
        Publisher few = new Publisher(sender, executor, new SequentialIds("id-1", "id-2"),
                () -> two.hasNext() ? java.util.Optional.of(two.next()) : java.util.Optional.empty(), stats,
                "example.net", 5);

        assertThat(few.tick()).extracting(RestartRequest::instanceName).containsExactly("web-1", "web-2");
        assertThat(few.tick()).isEmpty();
        assertThat(new FixedTargets(List.of(), new ScriptedRandom()).next()).isEmpty();
        assertThat(executor.pending()).isEqualTo(2);
    }
}
