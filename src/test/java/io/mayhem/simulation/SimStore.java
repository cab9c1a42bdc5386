package io.mayhem.simulation;

import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.store.OutcomeStore;
import io.mayhem.request.RestartRequest;
import io.mayhem.intake.Inbox;
import io.mayhem.lease.LeaseStore;
import io.mayhem.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The database, in memory, with the semantics of {@code RequestStore}: each call is one atomic transaction.
 * Each instance reaches it through its own {@link View} (its connection), where the faults strike: a call
 * fails before its transaction commits, or stalls (parks its task in virtual time) before or after it commits.
 */
final class SimStore {

    static final String DOMAIN = "example.net";

    static final class Record {
        final String messageId;
        final String instanceName;
        final Instant receivedAt;
        final long order;
        String leaseOwner;
        boolean acked;
        Outcome outcome;
        String error;
        boolean saved;
        boolean restarted;
        int restartAttempts;
        int extendedCount;
        Instant ackedAt;
        int ackCount;

        Record(String messageId, String instanceName, Instant receivedAt, long order, String owner) {
            this.messageId = messageId;
            this.instanceName = instanceName;
            this.receivedAt = receivedAt;
            this.order = order;
            this.leaseOwner = owner;
        }
    }

    static final class Heartbeat {
        Instant renewedAt;
        boolean expired;

        Heartbeat(Instant renewedAt) {
            this.renewedAt = renewedAt;
        }
    }

    /**
     * What a fault does to one call: it fails before it commits, stalls before or after the commit, or commits and
     * then fails all the same (the commit's answer was lost: the caller cannot tell it from a failure).
     */
    record Fault(boolean fail, Duration stallBefore, Duration stallAfter, boolean answerLost) {
        static final Fault NONE = new Fault(false, Duration.ZERO, Duration.ZERO, false);
    }

    interface Faults {
        Fault decide(String op, String caller);
    }

    final Map<String, Record> records = new LinkedHashMap<>();
    final Map<String, Heartbeat> heartbeats = new LinkedHashMap<>();
    final Map<String, Instant> outbox = new LinkedHashMap<>();
    final Set<String> restartEvents = new HashSet<>();
    private final SimWorld world;
    private final Faults faults;
    private long order;

    SimStore(SimWorld world, Faults faults) {
        this.world = world;
        this.faults = faults;
    }

    private Set<String> live() {
        Set<String> live = new HashSet<>();
        heartbeats.forEach((owner, h) -> {
            if (!h.expired) {
                live.add(owner);
            }
        });
        return live;
    }

    // ---- the transactions, as RequestStore runs them

    synchronized List<Inbox.Admission> acceptAll(List<Inbox.Admit> batch, Instant now) {
        Set<String> live = live();
        Set<String> seen = new HashSet<>();
        List<Inbox.Admission> admissions = new ArrayList<>();
        for (Inbox.Admit admit : batch) {
            String id = admit.request().messageId();
            Record record = records.get(id);
            if (record != null && !record.instanceName.equals(admit.request().instanceName())) {
                admissions.add(Inbox.Admission.conflicting(record.instanceName));
            } else if (!seen.add(id)) {
                admissions.add(record != null && record.acked ? Inbox.Admission.ALREADY_ACKED
                        : Inbox.Admission.LEASED_ELSEWHERE);
            } else if (record == null) {
                records.put(id, new Record(id, admit.request().instanceName(), now, order++, admit.owner()));
                admissions.add(Inbox.Admission.ACCEPTED);
            } else if (record.acked) {
                admissions.add(Inbox.Admission.ALREADY_ACKED);
            } else if (record.leaseOwner == null || !live.contains(record.leaseOwner)) {
                record.leaseOwner = admit.owner();
                admissions.add(Inbox.Admission.ACCEPTED);
            } else if (record.leaseOwner.equals(admit.owner())) {
                admissions.add(Inbox.Admission.LEASED_HERE);
            } else {
                admissions.add(Inbox.Admission.LEASED_ELSEWHERE);
            }
        }
        return admissions;
    }

    synchronized List<RestartRequest> claimAbandoned(String owner, Instant staleBefore, int limit) {
        heartbeats.values().forEach(h -> {
            if (!h.expired && h.renewedAt.isBefore(staleBefore)) {
                h.expired = true;
            }
        });
        Set<String> live = live();
        List<RestartRequest> claimed = new ArrayList<>();
        records.values().stream()
                .filter(r -> !r.acked && (r.leaseOwner == null || !live.contains(r.leaseOwner)))
                .sorted((a, b) -> a.receivedAt.equals(b.receivedAt) ? Long.compare(a.order, b.order)
                        : a.receivedAt.compareTo(b.receivedAt))
                .limit(limit)
                .forEach(r -> {
                    r.leaseOwner = owner;
                    claimed.add(new RestartRequest(r.messageId, r.instanceName, DOMAIN));
                });
        return claimed;
    }

    synchronized List<RestartRequest> unhandled(String owner, Predicate<String> handledHere, int limit) {
        return records.values().stream()
                .filter(r -> !r.acked && owner.equals(r.leaseOwner) && !handledHere.test(r.messageId))
                .limit(limit).map(r -> new RestartRequest(r.messageId, r.instanceName, DOMAIN)).toList();
    }

    synchronized void register(String owner, Instant now) {
        if (heartbeats.putIfAbsent(owner, new Heartbeat(now)) != null) {
            throw new IllegalStateException("duplicate key " + owner);
        }
    }

    synchronized boolean renew(String owner, Instant now) {
        Heartbeat h = heartbeats.get(owner);
        if (h == null || h.expired) {
            return false;
        }
        h.renewedAt = now;
        return true;
    }

    synchronized int release(String owner) {
        int released = 0;
        for (Record r : records.values()) {
            if (!r.acked && owner.equals(r.leaseOwner)) {
                r.leaseOwner = null;
                released++;
            }
        }
        Heartbeat h = heartbeats.get(owner);
        if (h != null) {
            h.expired = true;
        }
        return released;
    }

    synchronized void recordAll(List<RestartRequest> messages) {
        messages.forEach(m -> restartEvents.add(m.messageId()));
    }

    synchronized List<OutcomeEvent> storeOutcomes(List<OutcomeStore.Ack> acks, Instant now) {
        List<OutcomeEvent> events = new ArrayList<>();
        for (OutcomeStore.Ack ack : acks) {
            Record r = records.get(ack.message().messageId());
            if (r == null) {
                events.add(null);
            } else if (r.acked) {
                events.add(eventOf(r));
            } else if (!ack.owner().equals(r.leaseOwner)) {
                events.add(null);
            } else {
                RestartRequest m = ack.message();
                r.acked = true;
                r.ackCount++;
                r.outcome = ack.outcome();
                r.error = ack.error();
                r.saved = m.saved();
                r.restarted = m.restarted();
                r.restartAttempts = m.restartAttempts();
                r.extendedCount = m.extendedCount();
                r.ackedAt = now;
                r.leaseOwner = null;
                outbox.put(r.messageId, now);
                events.add(eventOf(r));
            }
        }
        return events;
    }

    synchronized void markSent(List<String> ids) {
        ids.forEach(outbox::remove);
    }

    synchronized List<OutcomeEvent> unsent(Instant before, int limit) {
        return outbox.entrySet().stream()
                .filter(e -> e.getValue().isBefore(before))
                .sorted(Map.Entry.comparingByValue())
                .limit(limit)
                .map(e -> records.get(e.getKey()))
                .filter(r -> r != null && r.acked)
                .map(SimStore::eventOf)
                .toList();
    }

    synchronized Optional<OutcomeEvent> storedOutcome(String id) {
        Record r = records.get(id);
        return r == null || !r.acked ? Optional.empty() : Optional.of(eventOf(r));
    }

    private static OutcomeEvent eventOf(Record r) {
        return new OutcomeEvent(r.messageId, r.instanceName, r.instanceName + "." + DOMAIN, r.outcome, r.saved,
                r.restarted, r.restartAttempts, r.extendedCount, r.error, r.ackedAt);
    }

    // ---- one instance's connection

    View view(String instance) {
        return new View(instance);
    }

    final class View implements Inbox, LeaseStore, EventStore, OutcomeStore {
        final String instance;
        /** Admissions the intake's group commit has finished writing (or failing), in submission order. */
        long admissionsWritten;
        Runnable onAdmissionsWritten = () -> { };

        View(String instance) {
            this.instance = instance;
        }

        private <T> T call(String op, Supplier<T> transaction) {
            Fault fault = faults.decide(op, instance);
            if (!fault.stallBefore().isZero()) {
                world.trace.add(world.at() + " " + instance + " store " + op + " stalls " + fault.stallBefore().toMillis()
                        + " ms before commit");
                world.stall(fault.stallBefore());
            }
            if (fault.fail()) {
                world.trace.add(world.at() + " " + instance + " store " + op + " fails");
                throw new IllegalStateException("simulated database failure in " + op);
            }
            T result = transaction.get();
            if (!fault.stallAfter().isZero()) {
                world.trace.add(world.at() + " " + instance + " store " + op + " committed, reply stalls "
                        + fault.stallAfter().toMillis() + " ms");
                world.stall(fault.stallAfter());
            }
            if (fault.answerLost()) {
                world.trace.add(world.at() + " " + instance + " store " + op + " committed, its answer is lost");
                throw new IllegalStateException("simulated lost answer of a committed " + op);
            }
            return result;
        }

        @Override
        public List<Admission> acceptAll(List<Admit> batch, Instant now) {
            try {
                List<Admission> result = call("acceptAll", () -> SimStore.this.acceptAll(batch, now));
                world.trace.add(world.at() + " " + instance + " acceptAll " + batch.stream()
                        .map(a -> ProtocolSimulation.shortId(a.request().messageId())).toList() + " -> " + result);
                return result;
            } finally {
                admissionsWritten += batch.size();
                onAdmissionsWritten.run();
            }
        }

        @Override
        public List<RestartRequest> claimAbandoned(String owner, Instant staleBefore, int limit) {
            List<RestartRequest> claimed = call("claimAbandoned", () -> SimStore.this.claimAbandoned(owner, staleBefore, limit));
            if (!claimed.isEmpty()) {
                world.trace.add(world.at() + " " + instance + " claimed for " + owner + ": "
                        + claimed.stream().map(m -> ProtocolSimulation.shortId(m.messageId())).toList());
            }
            return claimed;
        }

        @Override
        public List<RestartRequest> unhandled(String owner, Predicate<String> handledHere, int limit) {
            List<RestartRequest> found = call("unhandled", () -> SimStore.this.unhandled(owner, handledHere, limit));
            if (!found.isEmpty()) {
                world.trace.add(world.at() + " " + instance + " unhandled under " + owner + ": "
                        + found.stream().map(m -> ProtocolSimulation.shortId(m.messageId())).toList());
            }
            return found;
        }

        @Override
        public void register(String owner, Instant now) {
            call("register", () -> {
                SimStore.this.register(owner, now);
                return null;
            });
            world.trace.add(world.at() + " " + instance + " registered owner " + owner);
        }

        @Override
        public boolean renew(String owner, Instant now) {
            boolean renewed = call("renew", () -> SimStore.this.renew(owner, now));
            if (!renewed) {
                world.trace.add(world.at() + " " + instance + " renew of " + owner + " refused (expired)");
            }
            return renewed;
        }

        @Override
        public int release(String owner) {
            return call("release", () -> SimStore.this.release(owner));
        }

        @Override
        public void recordAll(List<RestartRequest> messages) {
            call("recordAll", () -> {
                SimStore.this.recordAll(messages);
                return null;
            });
            world.trace.add(world.at() + " " + instance + " recorded restart events of "
                    + messages.stream().map(m -> ProtocolSimulation.shortId(m.messageId())).toList());
        }

        @Override
        public List<OutcomeEvent> storeOutcomes(List<Ack> acks, Instant now) {
            List<OutcomeEvent> events = call("storeOutcomes", () -> SimStore.this.storeOutcomes(acks, now));
            for (int i = 0; i < acks.size(); i++) {
                Ack a = acks.get(i);
                world.trace.add(world.at() + " " + instance + " ack " + ProtocolSimulation.shortId(a.message().messageId())
                        + " by " + a.owner() + " " + a.outcome() + " -> " + (events.get(i) == null ? "not held"
                        : events.get(i).outcome()));
            }
            return events;
        }

        @Override
        public void markSent(List<String> messageIds) {
            call("markSent", () -> {
                SimStore.this.markSent(messageIds);
                return null;
            });
        }

        @Override
        public List<OutcomeEvent> unsent(Instant before, int limit) {
            return call("unsent", () -> SimStore.this.unsent(before, limit));
        }

        @Override
        public Optional<OutcomeEvent> storedOutcome(String messageId) {
            return call("storedOutcome", () -> SimStore.this.storedOutcome(messageId));
        }
    }
}
