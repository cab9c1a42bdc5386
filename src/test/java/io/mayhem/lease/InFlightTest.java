package io.mayhem.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mayhem.request.RestartRequest;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one record of what is in flight, and the lease rules it applies; RequestHandlerTest shows them end to end. */
class InFlightTest {

    @RegisterExtension
    LogCapture logs = new LogCapture(InFlight.class.getName());

    VirtualScheduler time = new VirtualScheduler();
    LeaseStore store = mock(LeaseStore.class);
    /** Renewed by hand here: no heartbeat runs, and no fence ends it within a test. */
    InstanceLease lease = new InstanceLease(store, time, time.clock(), () -> "owner-1", Duration.ofMinutes(1),
            Duration.ofMinutes(2));
    InFlight inFlight = new InFlight(lease, time.clock(), Duration.ofSeconds(10), 2);

    /** Records what the rules told it. */
    final class Recorded implements InFlight.Held {
        final List<String> told = new ArrayList<>();
        boolean finishing;
        int extended;

        @Override
        public boolean finishing() {
            return finishing;
        }

        @Override
        public void extended() {
            extended++;
        }

        @Override
        public void lost(String reason) {
            told.add("lost: " + reason);
        }

        @Override
        public void heldTooLong(String reason) {
            told.add("held too long: " + reason);
        }

        @Override
        public boolean cancel() {
            told.add("cancelled");
            return !finishing;
        }
    }

    @BeforeEach
    void leaseHeld() {
        when(store.renew(anyString(), any())).thenReturn(true);
        lease.holder(inFlight);
        lease.heartbeat();
    }

    private static RestartRequest request(int n) {
        return new RestartRequest("6f1c6a2e-0000-4000-8000-0000000000%02d".formatted(n), "cattle-" + n, "example.net");
    }

    @Test
    void hasRoomForItsCapacityAndGetsItBackOnRelease() throws InterruptedException {
        assertThat(inFlight.room()).isEqualTo(2);
        assertThat(inFlight.reserve(Duration.ZERO)).isTrue();
        inFlight.reserveUninterruptibly();

        assertThat(inFlight.saturated()).isTrue();
        assertThat(inFlight.reserve(Duration.ofMillis(1))).as("no place came free").isFalse();
        inFlight.release();
        assertThat(inFlight.saturated()).isFalse();
        assertThat(inFlight.room()).isEqualTo(1);
    }

    @Test
    void countsWhatIsHandledApartFromTheRoomTaken() {
        RestartRequest first = request(1);
        InFlight.Entry entry = inFlight.track(first, "owner-1", new Recorded()).orElseThrow();
        inFlight.track(request(2), "owner-1", new Recorded());

        assertThat(inFlight.size()).isEqualTo(2);
        assertThat(inFlight.room()).as("intake reserves room, tracking does not").isEqualTo(2);
        assertThat(entry.request()).isSameAs(first);
        assertThat(entry.since()).isEqualTo(time.now());
        inFlight.untrack(entry);
        assertThat(inFlight.entries()).extracting(e -> e.request().instanceName()).containsExactly("cattle-2");
    }

    @Test
    void tracksARequestOncePerOwnerUntilItsHandlingEnds() {
        InFlight.Entry entry = inFlight.track(request(1), "owner-1", new Recorded()).orElseThrow();

        assertThat(inFlight.handles(request(1).messageId(), "owner-1")).isTrue();
        assertThat(inFlight.handles(request(1).messageId(), "an-older-epoch")).isFalse();
        assertThat(inFlight.handles(request(2).messageId(), "owner-1")).isFalse();
        assertThat(inFlight.track(request(1), "owner-1", new Recorded())).as("again under the same owner").isEmpty();
        assertThat(inFlight.track(request(1), "an-older-epoch", new Recorded())).as("under another owner").isPresent();
        assertThat(inFlight.size()).isEqualTo(2);
        inFlight.untrack(entry);
        assertThat(inFlight.handles(request(1).messageId(), "owner-1")).isFalse();
        assertThat(inFlight.track(request(1), "owner-1", new Recorded())).as("once its handling ended").isPresent();
    }

    @Test
    void aHandlingStartsOnlyUnderAHeldLeaseAndCountsItsFirstExtension() {
        Recorded held = new Recorded();
        Recorded stale = new Recorded();

        assertThat(inFlight.start(inFlight.track(request(1), "owner-1", held).orElseThrow())).isTrue();
        assertThat(inFlight.start(inFlight.track(request(2), "an-older-epoch", stale).orElseThrow())).isFalse();

        assertThat(held.extended).isEqualTo(1);
        assertThat(stale.extended).isZero();
        assertThat(logs.messages(Level.INFO)).containsExactly("Extended deadline by 120 seconds for "
                + "PubSubMessage(instance_name=cattle-1)");
    }

    @Test
    void eachRenewalExtendsTheOwnersRequestsThatAreNotFinishing() {
        Recorded working = new Recorded();
        Recorded finishing = new Recorded();
        finishing.finishing = true;
        Recorded other = new Recorded();
        inFlight.track(request(1), "owner-1", working);
        inFlight.track(request(2), "owner-1", finishing);
        inFlight.track(request(3), "owner-2", other);

        inFlight.renewed("owner-1", Duration.ofSeconds(3));

        assertThat(working.extended).isEqualTo(1);
        assertThat(finishing.extended + other.extended).isZero();
        assertThat(logs.messages(Level.INFO)).singleElement().asString().contains("cattle-1");
    }

    @Test
    void aRequestHeldMaxTotalFailsInsteadOfBeingExtended() {
        Recorded old = new Recorded();
        inFlight.track(request(1), "owner-1", old);
        time.advance(Duration.ofSeconds(9));
        Recorded young = new Recorded();
        inFlight.track(request(2), "owner-1", young);
        time.advance(Duration.ofSeconds(1));

        inFlight.renewed("owner-1", Duration.ofSeconds(3));

        assertThat(old.told).containsExactly("held too long: Lease held longer than mayhem.lease.max-total (PT10S) for "
                + "PubSubMessage(instance_name=cattle-1)");
        assertThat(old.extended).isZero();
        assertThat(young.extended).isEqualTo(1);
    }

    @Test
    void aLapseStopsTheOwnersRequestsOnly() {
        Recorded mine = new Recorded();
        Recorded theirs = new Recorded();
        inFlight.track(request(1), "owner-1", mine);
        inFlight.track(request(2), "owner-2", theirs);

        inFlight.lapsed("owner-1", "not renewed");

        assertThat(mine.told).containsExactly("lost: lease lapsed: not renewed");
        assertThat(theirs.told).isEmpty();
    }

    @Test
    void workMayStartOnlyWhileNotFinishingAndTheLeaseHolds() {
        Recorded held = new Recorded();
        InFlight.Entry entry = inFlight.track(request(1), "owner-1", held).orElseThrow();
        InFlight.Entry stale = inFlight.track(request(2), "an-older-epoch", new Recorded()).orElseThrow();

        assertThat(entry.mayWork()).isTrue();
        assertThat(entry.leaseHeld()).isTrue();
        assertThat(stale.mayWork()).isFalse();
        assertThat(stale.leaseHeld()).isFalse();
        held.finishing = true;
        assertThat(entry.mayWork()).isFalse();
        assertThat(entry.leaseHeld()).isTrue();
        lease.stop();
        assertThat(entry.leaseHeld()).isFalse();
    }

    @Test
    void theShutdownCancelsEveryRequestAndCountsThoseStillRunning() {
        Recorded running = new Recorded();
        Recorded finishing = new Recorded();
        finishing.finishing = true;
        inFlight.track(request(1), "owner-1", running);
        inFlight.track(request(2), "owner-2", finishing);

        assertThat(inFlight.cancelAll()).isEqualTo(1);
        assertThat(running.told).containsExactly("cancelled");
        assertThat(finishing.told).containsExactly("cancelled");
    }

    @Test
    void aSlowHandlingIsReportedOnce() {
        InFlight.Entry entry = inFlight.track(request(1), "owner-1", new Recorded()).orElseThrow();

        assertThat(entry.firstSlowReport()).isTrue();
        assertThat(entry.firstSlowReport()).isFalse();
    }
}
