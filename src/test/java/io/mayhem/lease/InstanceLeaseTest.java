package io.mayhem.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.SequentialIds;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstanceLeaseTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    VirtualScheduler time = new VirtualScheduler();
    Instant start = time.now();
    LeaseStore store = mock(LeaseStore.class);
    List<String> told = new ArrayList<>();
    InstanceLease lease = new InstanceLease(store, time, time.clock(), new SequentialIds(), Duration.ofSeconds(2),
            Duration.ofSeconds(3));

    @BeforeEach
    void holder() {
        when(store.renew(anyString(), any())).thenReturn(true);
        lease.holder(new InstanceLease.Holder() {
            @Override
            public void renewed(String owner, Duration by) {
                told.add("renewed " + owner + " by " + by.toSeconds() + "s at " + time.now().getEpochSecond() % 100);
            }

            @Override
            public void lapsed(String owner, String reason) {
                told.add("lapsed " + owner + " at " + Duration.between(start, time.now()).toMillis() + " ms: " + reason);
            }
        });
    }

    private String first() {
        return new SequentialIds().get();
    }

    @Test
    void holdsNothingBeforeItsFirstHeartbeat() {
        assertThat(lease.owner()).isNull();
        assertThat(lease.holds(first())).isFalse();
        assertThat(lease.holds(null)).isFalse();
    }

    @Test
    void theFirstHeartbeatRegistersAnOwnerThenOneStatementRenewsItEveryTick() {
        lease.start();
        time.advance(Duration.ZERO);
        String owner = lease.owner();
        verify(store).register(owner, start);
        assertThat(lease.holds(owner)).isTrue();
        assertThat(lease.holds("someone-else")).isFalse();

        time.advance(Duration.ofSeconds(4));

        verify(store).renew(owner, start.plusSeconds(2));
        verify(store).renew(owner, start.plusSeconds(4));
        verify(store, times(1)).register(anyString(), any());
        assertThat(told).hasSize(2).allMatch(line -> line.startsWith("renewed " + owner + " by 3s"));
        assertThat(lease.holds(owner)).isTrue();
    }

    @Test
    void isValidUntilExtendByAfterTheStartOfTheLastRenewalAndNotAMomentLonger() {
        lease.heartbeat();
        String owner = lease.owner();
        time.advance(Duration.ofMillis(2999));
        assertThat(lease.holds(owner)).isTrue();

        time.advance(Duration.ofMillis(1));

        assertThat(lease.holds(owner)).isFalse();
        assertThat(told).containsExactly("lapsed " + owner + " at 3000 ms: not renewed within mayhem.lease.extend-by (PT3S)");
        assertThat(lease.owner()).isNull();
    }

    @Test
    void aFailedRenewalLapsesTheLeaseAtExtendByAndTheNextHeartbeatStartsANewEpoch() {
        lease.start();
        time.advance(Duration.ZERO);
        String owner = lease.owner();
        doThrow(new IllegalStateException("database down")).when(store).renew(anyString(), any());

        time.advance(Duration.ofSeconds(2));
        assertThat(lease.holds(owner)).as("still within extend-by of the last renewal").isTrue();
        time.advance(Duration.ofSeconds(1));
        assertThat(lease.holds(owner)).isFalse();
        assertThat(told).containsExactly("lapsed " + owner + " at 3000 ms: not renewed within mayhem.lease.extend-by (PT3S)");

        time.advance(Duration.ofSeconds(1));

        String next = lease.owner();
        assertThat(next).isNotEqualTo(owner);
        verify(store).register(next, start.plusSeconds(4));
        assertThat(lease.holds(next)).isTrue();
        assertThat(lease.holds(owner)).as("never again: its requests are swept").isFalse();
        assertThat(logs.messages(Level.WARNING)).hasSize(2)
                .anyMatch(m -> m.startsWith("Lease heartbeat failed (java.lang.IllegalStateException: database down)"))
                .anyMatch(m -> m.startsWith("Lease of owner " + owner + " lapsed"));
    }

    @Test
    void aRenewalThatFindsItselfExpiredLapsesAtOnce() {
        lease.heartbeat();
        String owner = lease.owner();
        when(store.renew(owner, start.plusSeconds(2))).thenReturn(false);
        time.advance(Duration.ofSeconds(2));

        lease.heartbeat();

        assertThat(lease.holds(owner)).isFalse();
        assertThat(told).containsExactly("lapsed " + owner + " at 2000 ms: another instance expired the heartbeat");
    }

    @Test
    void aRenewalThatReturnsAfterTheLeaseLapsedDoesNotReviveIt() {
        lease.heartbeat();
        String owner = lease.owner();
        time.advance(Duration.ofSeconds(2));
        when(store.renew(eq(owner), any())).thenAnswer(call -> {
            time.advance(Duration.ofSeconds(2));
            return true;
        });

        lease.heartbeat();

        assertThat(lease.holds(owner)).isFalse();
        assertThat(told).containsExactly("lapsed " + owner + " at 3000 ms: not renewed within mayhem.lease.extend-by (PT3S)");
    }

    @Test
    void aLateHeartbeatFindsTheLeaseLapsedAndStartsANewEpoch() {
        lease.heartbeat();
        String owner = lease.owner();
        time.advance(Duration.ofSeconds(5));
        told.clear();

        lease.heartbeat();

        assertThat(lease.owner()).isNotEqualTo(owner).isNotNull();
        verify(store, never()).renew(eq(owner), any());
    }

    @Test
    void aFailedRegistrationHoldsNothingAndTheNextHeartbeatTriesAgain() {
        doThrow(new IllegalStateException("down")).doNothing().when(store).register(anyString(), any());

        lease.heartbeat();
        assertThat(lease.owner()).isNull();
        lease.heartbeat();

        assertThat(lease.owner()).isNotNull();
        assertThat(logs.messages(Level.WARNING)).singleElement().asString().startsWith("Lease heartbeat failed");
    }

    @Test
    void stopGivesTheLeaseUpAndEndsTheHeartbeat() {
        lease.start();
        time.advance(Duration.ZERO);
        String owner = lease.owner();

        assertThat(lease.stop()).isEqualTo(owner);
        time.advance(Duration.ofSeconds(10));

        assertThat(lease.holds(owner)).isFalse();
        assertThat(lease.owner()).isNull();
        verify(store, never()).renew(anyString(), any());
        assertThat(told).as("a stop is no lapse").isEmpty();
        assertThat(lease.stop()).isNull();
    }

    @Test
    void theShutdownsReleaseNacksTheOwnersRequestsTryingThreeTimesThenLeavesThemToLapse() {
        when(store.release("owner-1")).thenThrow(new IllegalStateException("lock timeout")).thenReturn(5);
        assertThat(lease.release("owner-1")).isEqualTo("5 leases released");

        when(store.release("owner-2")).thenThrow(new IllegalStateException("tx", new RuntimeException("stopped")));
        assertThat(lease.release("owner-2")).isEqualTo("leases not released (RuntimeException: stopped), they lapse instead");
        verify(store, times(InstanceLease.RELEASE_ATTEMPTS)).release("owner-2");

        assertThat(lease.release(null)).isEqualTo("no lease held");
    }

    @Test
    void ownersWhoseHeartbeatIsOlderThanExtendByAreStale() {
        assertThat(lease.staleBefore(start)).isEqualTo(start.minusSeconds(3));
        assertThat(lease.extendBy()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void extendByMustBeLongerThanExtendEvery() {
        assertThatThrownBy(() -> new InstanceLease(store, time, time.clock(), new SequentialIds(),
                Duration.ofSeconds(3), Duration.ofSeconds(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extend-by (PT3S) must be longer than extend-every (PT3S)");
    }

    @Test
    void keepsOneFenceTimerAtATimeAndNoneOnceStoppedOrLapsed() {
        lease.start();
        time.advance(Duration.ofSeconds(4));
        assertThat(time.pending()).as("the heartbeat and one fence check").isEqualTo(2);

        doThrow(new IllegalStateException("down")).when(store).renew(anyString(), any());
        time.advance(Duration.ofSeconds(3));
        assertThat(lease.owner()).isNull();
        assertThat(time.pending()).as("the heartbeat only, the fence was cancelled when it lapsed").isEqualTo(1);

        lease.stop();
        assertThat(time.pending()).isZero();
    }

    @Test
    void startingAgainReplacesTheHeartbeat() {
        lease.start();
        lease.start();
        time.advance(Duration.ofSeconds(2));

        verify(store, times(1)).register(anyString(), any());
        verify(store, times(1)).renew(anyString(), any());
    }

    @Test
    void aHeartbeatThatRunsLateLapsesTheLeaseEvenWhenTheFenceTimerDidNotRun() {
        io.mayhem.tasks.Scheduler noTimers = new io.mayhem.tasks.Scheduler() {
            @Override
            public io.mayhem.tasks.Cancellable schedule(Duration delay, Runnable task) {
                return () -> { };
            }

            @Override
            public io.mayhem.tasks.Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                return () -> { };
            }
        };
        InstanceLease late = new InstanceLease(store, noTimers, time.clock(), new SequentialIds(), Duration.ofSeconds(2),
                Duration.ofSeconds(3));
        List<String> lapsed = new ArrayList<>();
        late.holder(new InstanceLease.Holder() {
            @Override
            public void renewed(String owner, Duration by) {
            }

            @Override
            public void lapsed(String owner, String reason) {
                lapsed.add(owner);
            }
        });
        late.heartbeat();
        String owner = late.owner();
        time.advance(Duration.ofSeconds(4));

        late.heartbeat();

        assertThat(lapsed).containsExactly(owner);
        assertThat(late.owner()).isNotEqualTo(owner);
        verify(store, never()).renew(eq(owner), any());
    }
}
