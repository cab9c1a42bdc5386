package io.mayhem.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * Randomness that answers from a script: {@code nextDouble()} returns the given values in order, then
 * {@code fallback} for ever; {@code nextInt(bound)} returns 0 unless scripted with {@link #ints}.
 *
 * <pre>{@code
 * // latency 0.5 of max, then "does it fail?" drawn as 0.9: no failure at a 0.25 rate
 * Simulation simulation = new Simulation(new ScriptedRandom(0.5, 0.9), Duration.ofSeconds(1), 0.25, 0.25);
 * }</pre>
 */
public final class ScriptedRandom implements RandomGenerator {

    private final Deque<Double> doubles = new ArrayDeque<>();
    private final Deque<Integer> ints = new ArrayDeque<>();
    private double fallback = 0.99;

    public ScriptedRandom(double... values) {
        for (double value : values) {
            doubles.add(value);
        }
    }

    /** The value returned once the script is used up. */
    public ScriptedRandom otherwise(double value) {
        this.fallback = value;
        return this;
    }

    public ScriptedRandom ints(int... values) {
        for (int value : values) {
            ints.add(value);
        }
        return this;
    }

    @Override
    public synchronized double nextDouble() {
        return doubles.isEmpty() ? fallback : doubles.poll();
    }

    @Override
    public synchronized int nextInt(int bound) {
        return ints.isEmpty() ? 0 : ints.poll() % bound;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("Script nextDouble() or nextInt(bound) instead");
    }
}
