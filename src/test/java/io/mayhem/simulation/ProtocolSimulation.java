package io.mayhem.simulation;

import io.mayhem.store.EventSender;
import io.mayhem.request.Outcome;
import io.mayhem.restart.RestartFailed;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One seeded run: N instances of the real core against one in-memory store and a broker stand-in, with
 * faults (store failures and stalls, late heartbeats, instances killed and started again, duplicated and
 * reordered deliveries) until a point after which all is healed; then it runs until quiet and checks the
 * delivery invariants. Everything (the interleaving of tasks included) follows from the seed.
 */
final class ProtocolSimulation {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Duration MAX_STALL = Duration.ofSeconds(5);

    /** Faults striking the store (all connections, or one instance's) during a span of virtual time. */
    record StoreWindow(Instant from, Instant to, String instance, double failRate, double stallRate) {
        boolean covers(Instant now, String caller) {
            return !now.isBefore(from) && now.isBefore(to) && (instance == null || caller.startsWith(instance));
        }
    }

    /** A span in which one instance's lease scheduler runs late. */
    record LateWindow(Instant from, Instant to, String instance) {
    }

    final long seed;
    final SimWorld world;
    final Trace trace;
    private final SimStore store;
    private final SimBroker broker;
    private final RestartLog restarts;
    private final Map<String, String> idByHost = new LinkedHashMap<>();
    private final List<String> published = new ArrayList<>();
    /** Outcome events sent, per message id, in order. */
    private final Map<String, List<String>> events = new LinkedHashMap<>();
    private final Map<String, SimInstance> live = new LinkedHashMap<>();
    private final List<StoreWindow> storeWindows = new ArrayList<>();
    private final List<LateWindow> lateWindows = new ArrayList<>();
    private final SimInstance.Params params;
    private final Instant faultsEnd;
    private final Instant healed;
    private final StringBuilder plan = new StringBuilder();
    /**
     * In a third of the seeds (or as -Dsim.lateFences says) the late lease scheduler delays the fence check
     * too, not only the heartbeat. A running attempt is then cancelled late, after another instance may have
     * taken its request over: no fencing can prevent that, so those seeds check that no attempt <em>starts</em>
     * without its lease, but not that attempts never overlap.
     */
    private final boolean lateFences;

    ProtocolSimulation(long seed, boolean printTrace) {
        this.seed = seed;
        this.trace = new Trace(120, printTrace);
        this.world = new SimWorld(seed, trace);
        this.store = new SimStore(world, this::storeFault);
        this.restarts = new RestartLog(world, idByHost);
        String forced = System.getProperty("sim.lateFences");
        lateFences = forced == null || forced.isBlank() ? world.random.nextInt(3) == 0 : Boolean.parseBoolean(forced);
        restarts.fencing = this::unfenced;
        restarts.checkOverlap = !lateFences;
        this.broker = new SimBroker(world, () -> new ArrayList<>(live.values()), 0.05);
        var r = world.random;
        params = new SimInstance.Params(new int[] {1, 3, 500}[r.nextInt(3)],
                r.nextInt(4) == 0 ? Duration.ofSeconds(2) : Duration.ofSeconds(30),
                Duration.ofMillis(r.nextInt(3) == 0 ? 4000 : 1000));
        faultsEnd = at(20_000 + r.nextInt(30_000));
        healed = faultsEnd.plus(Duration.ofSeconds(10));
        plan.append("batch=").append(params.maxBatch()).append(" maxWait=").append(params.maxWait().toSeconds())
                .append("s restartLatency<=").append(params.restartLatency().toMillis()).append("ms faultsEnd=")
                .append(since(faultsEnd)).append(lateFences ? " lateFences" : "");
    }

    static Instant at(long millis) {
        return SimWorld.EPOCH.plusMillis(millis);
    }

    static String since(Instant t) {
        long ms = Duration.between(SimWorld.EPOCH, t).toMillis();
        return String.format("%d.%03d", ms / 1000, ms % 1000);
    }

    static String shortId(String messageId) {
        return messageId == null ? "(poison)" : messageId.substring(0, 8);
    }

    private Instant randomTime(Instant before) {
        return at((long) (world.random.nextDouble() * Duration.between(SimWorld.EPOCH, before).toMillis()));
    }

    // ---- faults

    private SimStore.Fault storeFault(String op, String caller) {
        Instant now = world.now();
        for (StoreWindow w : storeWindows) {
            if (w.covers(now, caller)) {
                double x = world.random.nextDouble();
                if (x < w.failRate()) {
                    // one failure in three commits first: the caller sees a failure either way
                    boolean answerLost = !op.equals("send") && world.random.nextInt(3) == 0;
                    return new SimStore.Fault(!answerLost, Duration.ZERO, Duration.ZERO, answerLost);
                }
                if (x < w.failRate() + w.stallRate()) {
                    Duration stall = Duration.ofMillis(100 + world.random.nextInt((int) MAX_STALL.toMillis() - 100));
                    return world.random.nextBoolean() ? new SimStore.Fault(false, stall, Duration.ZERO, false)
                            : new SimStore.Fault(false, Duration.ZERO, stall, false);
                }
                return SimStore.Fault.NONE;
            }
        }
        return SimStore.Fault.NONE;
    }

    private Duration leaseLateness(String instance, boolean periodic) {
        if (!periodic && !lateFences) {
            return Duration.ZERO;
        }
        Instant now = world.now();
        for (LateWindow w : lateWindows) {
            if (instance.startsWith(w.instance()) && !now.isBefore(w.from()) && now.isBefore(w.to())) {
                return Duration.ofMillis(500 + world.random.nextInt(4000));
            }
        }
        return Duration.ZERO;
    }

    /**
     * Fencing, seen from the store: an attempt starts only while the request is leased to an owner of that
     * instance whose heartbeat is not expired and younger than extend-by.
     */
    private String unfenced(String messageId, String instance) {
        SimStore.Record rec = store.records.get(messageId);
        if (rec == null || rec.acked || rec.leaseOwner == null) {
            return rec == null ? "never stored" : rec.acked ? "already acked" : "released";
        }
        if (!rec.leaseOwner.startsWith(instance + "/")) {
            return "leased to " + rec.leaseOwner;
        }
        SimStore.Heartbeat h = store.heartbeats.get(rec.leaseOwner);
        if (h.expired) {
            return "owner " + rec.leaseOwner + " expired";
        }
        if (!h.renewedAt.plus(SimInstance.EXTEND_BY).isAfter(world.now())) {
            return "heartbeat of " + rec.leaseOwner + " last renewed at " + since(h.renewedAt);
        }
        return null;
    }

    private EventSender sender(String instance) {
        return jsons -> {
            if (storeFault("send", instance).fail()) {
                trace.add(world.at() + " " + instance + " sending " + jsons.size() + " outcome events fails");
                throw new IllegalStateException("simulated broker failure while sending");
            }
            for (String json : jsons) {
                JsonObject event = JSON.createReader(new StringReader(json)).readObject();
                String id = event.getString("message_id");
                events.computeIfAbsent(id, k -> new ArrayList<>()).add(event.getString("outcome"));
                trace.add(world.at() + " " + instance + " sent outcome " + shortId(id) + " " + event.getString("outcome"));
            }
        };
    }

    private void uncaught(String instance, String messageId, Throwable error) {
        if (error instanceof SimWorld.Killed) {
            return;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("simulated ")) {
                return;
            }
            if (t instanceof RestartFailed) {
                return;
            }
        }
        world.fail("uncaught exception on " + instance + (messageId == null ? "" : " for " + messageId) + ": " + error);
    }

    // ---- instances

    private SimInstance start(String letter, int incarnation) {
        String name = letter + incarnation;
        SimInstance instance = new SimInstance(name, world, store, restarts, sender(name),
                periodic -> leaseLateness(letter, periodic),
                (id, e) -> uncaught(name, id, e), params);
        live.put(letter, instance);
        trace.add(world.at() + " start " + name);
        world.submit(instance.node, instance::start);
        return instance;
    }

    private void kill(String letter, int incarnation, Duration downFor) {
        SimInstance instance = live.get(letter);
        if (instance == null || !instance.node.alive) {
            return;
        }
        trace.add(world.at() + " KILL " + instance.name + " (owner " + instance.lease.owner() + ")");
        world.kill(instance.node);
        restarts.died(instance.node);
        broker.died(instance);
        world.after(downFor, SimWorld.WORLD, () -> start(letter, incarnation + 1));
    }

    // ---- the run

    /** Runs the seed; throws AssertionError (with the seed and the trace's tail) when an invariant breaks. */
    void run() {
        var r = world.random;
        int instances = 3 + r.nextInt(2);
        int requests = 20 + r.nextInt(41);
        plan.append(" instances=").append(instances).append(" requests=").append(requests);
        List<String> letters = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            letters.add(String.valueOf((char) ('A' + i)));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            Instant from = randomTime(faultsEnd);
            Instant to = from.plusMillis(1000 + r.nextInt(8000));
            String who = r.nextBoolean() ? null : letters.get(r.nextInt(instances));
            StoreWindow w = new StoreWindow(from, to.isAfter(faultsEnd) ? faultsEnd : to, who,
                    r.nextDouble() * 0.6, r.nextDouble() * 0.4);
            storeWindows.add(w);
            plan.append("\n  store faults ").append(since(w.from())).append("..").append(since(w.to())).append(" on ")
                    .append(who == null ? "all" : who).append(String.format(" fail=%.2f stall=%.2f", w.failRate(), w.stallRate()));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            Instant from = randomTime(faultsEnd);
            Instant to = from.plusMillis(1000 + r.nextInt(8000));
            LateWindow w = new LateWindow(from, to.isAfter(faultsEnd) ? faultsEnd : to, letters.get(r.nextInt(instances)));
            lateWindows.add(w);
            plan.append("\n  late heartbeats ").append(since(w.from())).append("..").append(since(w.to())).append(" on ")
                    .append(w.instance());
        }
        for (String letter : letters) {
            world.after(Duration.ofMillis(r.nextInt(2000)), SimWorld.WORLD, () -> start(letter, 1));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            Instant when = randomTime(faultsEnd);
            String letter = letters.get(r.nextInt(instances));
            Duration down = Duration.ofMillis(500 + r.nextInt(8000));
            plan.append("\n  kill ").append(letter).append(" at ").append(since(when)).append(" for ")
                    .append(down.toMillis()).append(" ms");
            world.at(when, SimWorld.WORLD, () -> {
                SimInstance current = live.get(letter);
                if (current == null) {
                    return;
                }
                int incarnation = Integer.parseInt(current.name.substring(1));
                kill(letter, incarnation, down);
            });
        }
        Instant publishUntil = at(20_000);
        for (int i = 0; i < requests; i++) {
            String id = new UUID(r.nextLong(), r.nextLong()).toString();
            String host = "h" + i;
            idByHost.put(host + "." + SimStore.DOMAIN, id);
            published.add(id);
            String text = "{\"message_id\":\"" + id + "\",\"instance_name\":\"" + host + "\"}";
            Instant when = randomTime(publishUntil);
            world.at(when, SimWorld.WORLD, () -> broker.publish(text, id));
            if (r.nextInt(20) == 0) {
                world.at(randomTime(publishUntil).plusSeconds(5), SimWorld.WORLD, () -> broker.publish(text, id));
            }
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            world.at(randomTime(publishUntil), SimWorld.WORLD, () -> broker.publish("not json", null));
        }
        boolean quiet;
        try {
            quiet = world.run(this::quiet, this::checkLeases, healed.plus(Duration.ofSeconds(120)));
        } catch (AssertionError e) {
            throw failure(e.getMessage());
        } catch (RuntimeException e) {
            throw failure("simulation crashed: " + e, e);
        }
        if (!quiet) {
            throw failure("not quiet by " + world.at() + " s: " + stuck());
        }
        checkOutcomes();
    }

    private String stuck() {
        List<String> lines = new ArrayList<>();
        for (String id : published) {
            SimStore.Record rec = store.records.get(id);
            if (rec == null || !rec.acked) {
                lines.add(shortId(id) + (rec == null ? " never stored" : " unacked, leased to " + rec.leaseOwner));
            }
        }
        lines.add("broker holds " + broker.outstanding.size() + ", outbox " + store.outbox.size()
                + ", in flight " + live.values().stream().filter(i -> i.node.alive)
                .map(i -> i.name + "=" + i.inFlight.size()).collect(Collectors.joining(" ")));
        return String.join("; ", lines);
    }

    private boolean quiet() {
        if (world.now().isBefore(healed)) {
            return false;
        }
        if (!broker.outstanding.isEmpty() || !store.outbox.isEmpty()) {
            return false;
        }
        for (String id : published) {
            SimStore.Record rec = store.records.get(id);
            if (rec == null || !rec.acked) {
                return false;
            }
        }
        for (SimInstance i : live.values()) {
            if (!i.node.alive || i.inFlight.size() > 0) {
                return false;
            }
        }
        return restarts.attempts.stream().noneMatch(RestartLog.Attempt::open);
    }

    /**
     * Once healed, no request stays leased to an owner whose heartbeat stopped: it is taken over at the first
     * sweep after the heartbeat is older than extend-by (sweeps run every extend-every on each instance).
     */
    private void checkLeases() {
        Instant now = world.now();
        if (now.isBefore(healed)) {
            return;
        }
        for (SimStore.Record rec : store.records.values()) {
            if (rec.acked) {
                continue;
            }
            Instant since = healed;
            if (rec.leaseOwner != null) {
                Instant stale = store.heartbeats.get(rec.leaseOwner).renewedAt.plus(SimInstance.EXTEND_BY);
                since = stale.isAfter(healed) ? stale : healed;
            }
            Instant deadline = since.plus(SimInstance.EXTEND_EVERY);
            if (!now.isBefore(deadline)) {
                world.fail("request " + rec.messageId + " still leased to " + rec.leaseOwner + " at " + world.at()
                        + " s, whose heartbeat was last renewed at "
                        + (rec.leaseOwner == null ? "-" : since(store.heartbeats.get(rec.leaseOwner).renewedAt))
                        + " (extend-by plus one sweep is over)");
                return;
            }
        }
    }

    private void checkOutcomes() {
        for (String id : published) {
            SimStore.Record rec = store.records.get(id);
            if (rec == null || !rec.acked) {
                throw failure("request " + id + " has no stored outcome");
            }
            if (rec.ackCount != 1) {
                throw failure("request " + id + " was acked " + rec.ackCount + " times");
            }
            List<String> sent = events.getOrDefault(id, List.of());
            if (sent.isEmpty()) {
                throw failure("request " + id + " acked " + rec.outcome + " but no outcome event was sent");
            }
            if (sent.stream().anyMatch(o -> !o.equals(rec.outcome.name()))) {
                throw failure("request " + id + " has differing outcome events " + sent + " (stored " + rec.outcome + ")");
            }
        }
        for (String id : events.keySet()) {
            if (!published.contains(id)) {
                throw failure("outcome event for a request never published: " + id);
            }
        }
    }

    private AssertionError failure(String message) {
        return failure(message, null);
    }

    private AssertionError failure(String message, Throwable cause) {
        AssertionError e = new AssertionError("seed " + seed + " (replay: -Dsim.seed=" + seed + "): " + message
                + "\nplan: " + plan + "\nlast events:\n" + trace.tail(), cause);
        return e;
    }

    /** Lines of the plan, for a passing run's report. */
    String plan() {
        return plan.toString();
    }

    long steps() {
        return world.steps();
    }
}
