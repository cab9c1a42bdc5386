package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerDeadLetterQueuesTest {

    @Test
    void readsACommaSeparatedListOfQueueNames() {
        assertThat(BrokerDeadLetterQueues.parse(" ActiveMQ.DLQ, mq.sys.dmq ").names())
                .containsExactly("ActiveMQ.DLQ", "mq.sys.dmq");
    }

    @Test
    void noneReadsNone() {
        assertThat(BrokerDeadLetterQueues.parse("None").names()).isEmpty();
    }

    @Test
    void aBadNameStopsTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> BrokerDeadLetterQueues.parse("ActiveMQ.DLQ,,x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mayhem.broker.dead-letter-queues: \"\" is not a queue name");
        assertThatThrownBy(() -> new BrokerDeadLetterQueues(List.of("a b")))
                .hasMessageContaining("\"a b\"");
    }
}
