package io.mayhem.simulation;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of the delivery protocol (lease, fencing, group commit, batched acks, takeover)
 * with N instances of the real core, faults and one seeded interleaving per seed; see {@link ProtocolSimulation}.
 *
 * <ul>
 *   <li>default: seeds 1..300 ({@code -Dsim.seeds=100000} or {@code -Psimulation} for more,
 *       {@code -Dsim.firstSeed=} to start elsewhere);</li>
 *   <li>{@code -Dsim.seed=123}: that seed alone, replayed exactly; {@code -Dsim.trace=true} prints its whole trace.</li>
 * </ul>
 */
class ProtocolSimulationTest {

    private static final Logger CORE = Logger.getLogger("io.mayhem");
    private static Level level;

    @BeforeAll
    static void quiet() {
        level = CORE.getLevel();
        CORE.setLevel(Level.OFF);
    }

    @AfterAll
    static void restore() {
        CORE.setLevel(level);
    }

    @Test
    void deliveryInvariantsHoldUnderFaults() {
        String one = System.getProperty("sim.seed");
        if (one != null && !one.isBlank()) {
            ProtocolSimulation sim = new ProtocolSimulation(Long.parseLong(one.trim()), Boolean.getBoolean("sim.trace"));
            try {
                sim.run();
            } finally {
                System.out.println("seed " + one.trim() + " digest " + sim.trace.digest() + " steps " + sim.steps());
            }
            return;
        }
        long first = Long.getLong("sim.firstSeed", 1);
        long count = Long.getLong("sim.seeds", 300);
        List<Long> failing = new ArrayList<>();
        AssertionError firstFailure = null;
        long started = System.nanoTime();
        for (long seed = first; seed < first + count; seed++) {
            ProtocolSimulation sim = new ProtocolSimulation(seed, false);
            try {
                sim.run();
            } catch (AssertionError e) {
                failing.add(seed);
                if (firstFailure == null) {
                    firstFailure = e;
                }
            } finally {
                if (Boolean.getBoolean("sim.digest")) {
                    System.out.println("seed " + seed + " digest " + sim.trace.digest() + " steps " + sim.steps());
                }
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("ProtocolSimulationTest: " + count + " seeds from " + first + " in " + ms + " ms, "
                + failing.size() + " failing" + (failing.isEmpty() ? "" : ": " + head(failing)));
        if (firstFailure != null) {
            fail(failing.size() + " of " + count + " seeds fail (" + head(failing) + "); first:\n"
                    + firstFailure.getMessage(), firstFailure);
        }
    }

    private static String head(List<Long> seeds) {
        return seeds.size() <= 20 ? seeds.toString() : seeds.subList(0, 20) + "...";
    }
}
