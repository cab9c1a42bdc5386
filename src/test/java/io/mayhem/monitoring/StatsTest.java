package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void countsEachEventUnderItsContractName() {
        Stats stats = new Stats();
        stats.published();
        stats.received();
        stats.saved();
        stats.restarted();
        stats.restartRetried();
        stats.failed();
        stats.acked();
        stats.deadLettered();
        stats.extended();
        stats.started();
        stats.started();
        stats.finished();
        stats.uncaught();

        assertThat(stats.snapshot()).containsExactly(
                org.assertj.core.api.Assertions.entry("published", 1L), org.assertj.core.api.Assertions.entry("received", 1L),
                org.assertj.core.api.Assertions.entry("saved", 1L), org.assertj.core.api.Assertions.entry("restarted", 1L),
                org.assertj.core.api.Assertions.entry("restart_retries", 1L), org.assertj.core.api.Assertions.entry("failed", 1L),
                org.assertj.core.api.Assertions.entry("acked", 1L), org.assertj.core.api.Assertions.entry("dead_lettered", 1L),
                org.assertj.core.api.Assertions.entry("extended", 1L), org.assertj.core.api.Assertions.entry("in_flight", 1L));
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(stats.uncaughtCount()).isEqualTo(1);
    }
}
