package io.mayhem.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * Randomness that answers from a script: {@code nextDouble()} returns the given values in order, then
 * {@link #otherwise(double) a fallback} (0.99 unless set) for ever; {@code nextInt(bound)} returns the values
 * given to {@link #ints(int...)} modulo {@code bound}, then 0. A draw built on {@code nextLong()} ({@code nextInt()},
 * {@code nextBoolean()}, {@code nextFloat()}, ...) fails, so a test notices code that draws in a way the script
 * does not cover.
 *
 * <p>What it replaces: {@code mock.patch("random.random", side_effect=[0.5, 0.9])} and
 * {@code random.seed(...)} in a pytest test. Code under test takes a {@link RandomGenerator} instead of
 * calling a global.
 *
 * <pre>{@code
 * RandomGenerator random = new ScriptedRandom(0.5, 0.9).ints(3);
 * assertThat(random.nextDouble()).isEqualTo(0.5);
 * assertThat(random.nextDouble()).isEqualTo(0.9);
 * assertThat(random.nextDouble()).isEqualTo(0.99);   // the script is used up
 * assertThat(random.nextInt(10)).isEqualTo(3);
 * }</pre>
 */
public final class ScriptedRandom implements RandomGenerator {

    private final Deque<Double> doubles = new ArrayDeque<>();
    private final Deque<Integer> ints = new ArrayDeque<>();
    private double fallback = 0.99;

    /**
     * Randomness whose {@code nextDouble()} returns {@code values} in order.
     *
     * @param values each in [0, 1), as {@code nextDouble()} promises
     */
    public ScriptedRandom(double... values) {
        for (double value : values) {
            doubles.add(value);
        }
    }

    /**
     * Sets the value {@code nextDouble()} returns once the script is used up.
     *
     * @param value in [0, 1)
     * @return this, to chain
     */
    public ScriptedRandom otherwise(double value) {
        this.fallback = value;
        return this;
    }

    /**
     * Adds {@code values} to the script of {@code nextInt(bound)}, which returns each modulo its bound.
     *
     * @param values returned in order
     * @return this, to chain
     */
    public ScriptedRandom ints(int... values) {
        for (int value : values) {
            ints.add(value);
        }
        return this;
    }

    /** The next scripted double, or the fallback once the script is used up. */
    @Override
    public synchronized double nextDouble() {
        return doubles.isEmpty() ? fallback : doubles.poll();
    }

    /** The next scripted int modulo {@code bound}, or 0 once the script is used up. */
    @Override
    public synchronized int nextInt(int bound) {
        return ints.isEmpty() ? 0 : ints.poll() % bound;
    }

    /**
     * Not scripted: fails, so that code drawing longs (or anything built on them) is noticed.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("Script nextDouble() or nextInt(bound) instead");
    }
}
