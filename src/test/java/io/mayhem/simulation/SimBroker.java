package io.mayhem.simulation;

import io.mayhem.intake.Delivery;
import io.mayhem.intake.IntakeRefused;
import io.mayhem.intake.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The broker's shared subscription: each message goes to one live instance at a time, inside a transaction
 * that commits (the message is gone) or rolls back (redelivered later). Deliveries are reordered, sometimes
 * duplicated (an ack the broker lost), and redelivered after rollbacks and after their consumer died.
 */
final class SimBroker {

    static final class Message {
        final String jmsId;
        final String text;
        final String messageId;
        SimInstance holder;

        Message(String jmsId, String text, String messageId) {
            this.jmsId = jmsId;
            this.text = text;
            this.messageId = messageId;
        }
    }

    /** The delivery's JTA transaction, as intake sees it. */
    static final class SimTransaction implements Transaction {
        final List<Runnable> checks = new ArrayList<>();
        final List<Runnable[]> completions = new ArrayList<>();

        @Override
        public void beforeCommit(Runnable check) {
            checks.add(check);
        }

        @Override
        public void onCompletion(Runnable committed, Runnable rolledBack) {
            completions.add(new Runnable[] {committed, rolledBack});
        }

        /** Runs the checks; commits when none throws. */
        String complete() {
            String refusal = null;
            for (Runnable check : checks) {
                try {
                    check.run();
                } catch (RuntimeException e) {
                    refusal = e.getMessage();
                    break;
                }
            }
            Thread.interrupted();
            boolean committed = refusal == null;
            completions.forEach(c -> c[committed ? 0 : 1].run());
            return refusal;
        }
    }

    private final SimWorld world;
    private final Supplier<List<SimInstance>> consumers;
    private final double lostAckRate;
    private final List<Message> available = new ArrayList<>();
    /** Messages not yet consumed for good. */
    final Set<Message> outstanding = new LinkedHashSet<>();
    private final Set<Message> inFlight = new LinkedHashSet<>();
    private int jmsIds;

    SimBroker(SimWorld world, Supplier<List<SimInstance>> consumers, double lostAckRate) {
        this.world = world;
        this.consumers = consumers;
        this.lostAckRate = lostAckRate;
    }

    void publish(String text, String messageId) {
        Message m = new Message("ID:" + (++jmsIds), text, messageId);
        outstanding.add(m);
        world.trace.add(world.at() + " broker publishes " + m.jmsId + " " + ProtocolSimulation.shortId(messageId));
        makeAvailable(m, Duration.ZERO);
    }

    private void makeAvailable(Message m, Duration delay) {
        world.after(delay, SimWorld.WORLD, () -> {
            available.add(m);
            scheduleDelivery(Duration.ofMillis(world.random.nextInt(50)));
        });
    }

    private void scheduleDelivery(Duration delay) {
        world.after(delay, SimWorld.WORLD, this::deliverOne);
    }

    /** Delivers one available message, picked at random (reordering), to a random live instance. */
    private void deliverOne() {
        if (available.isEmpty()) {
            return;
        }
        List<SimInstance> live = consumers.get().stream().filter(i -> i.node.alive && i.intake.isOpen()).toList();
        if (live.isEmpty()) {
            scheduleDelivery(Duration.ofMillis(200));
            return;
        }
        Message m = available.remove(world.random.nextInt(available.size()));
        SimInstance to = live.get(world.random.nextInt(live.size()));
        m.holder = to;
        inFlight.add(m);
        world.submit(to.node, () -> receive(to, m));
    }

    private void receive(SimInstance instance, Message m) {
        SimTransaction tx = new SimTransaction();
        boolean stores = m.messageId != null && instance.intake.isOpen() && instance.lease.owner() != null;
        long admission = stores ? ++instance.admissionsSubmitted : -1;
        world.trace.add(world.at() + " " + instance + " receives " + m.jmsId + " " + ProtocolSimulation.shortId(m.messageId)
                + (stores ? "" : " (no lease)"));
        try {
            instance.intake.receive(Delivery.text(m.jmsId, m.text), tx);
        } catch (IntakeRefused | InterruptedException e) {
            Thread.interrupted();
            rolledBack(instance, m, "refused: " + e.getMessage());
            return;
        }
        boolean[] done = {false};
        Runnable commit = () -> {
            if (done[0] || m.holder != instance) {
                return;
            }
            done[0] = true;
            String refusal = tx.complete();
            if (refusal == null) {
                committed(instance, m);
            } else {
                rolledBack(instance, m, refusal);
            }
        };
        if (admission < 0 || tx.checks.isEmpty()) {
            world.submit(instance.node, commit);
        } else {
            instance.pendingCommits.add(new SimInstance.PendingCommit(admission, commit));
            // past max-wait the check gives up waiting (its future.get times out at once)
            world.after(instance.params.maxWait(), instance.node, commit);
        }
    }

    private void committed(SimInstance instance, Message m) {
        inFlight.remove(m);
        m.holder = null;
        if (world.random.nextDouble() < lostAckRate) {
            world.trace.add(world.at() + " " + instance + " commits " + m.jmsId + "; the broker lost the ack");
            makeAvailable(m, Duration.ofMillis(200 + world.random.nextInt(5000)));
        } else {
            world.trace.add(world.at() + " " + instance + " commits " + m.jmsId);
            outstanding.remove(m);
        }
    }

    private void rolledBack(SimInstance instance, Message m, String why) {
        world.trace.add(world.at() + " " + instance + " rolls back " + m.jmsId + " (" + why + ")");
        inFlight.remove(m);
        m.holder = null;
        makeAvailable(m, Duration.ofMillis(500 + world.random.nextInt(8000)));
    }

    /** The consumer died: its transactions roll back, the broker redelivers. */
    void died(SimInstance instance) {
        for (Message m : new ArrayList<>(inFlight)) {
            if (m.holder == instance) {
                inFlight.remove(m);
                m.holder = null;
                makeAvailable(m, Duration.ofMillis(500 + world.random.nextInt(5000)));
            }
        }
    }
}
