package dev.classify.augment;

import java.util.random.RandomGenerator;

/**
 * A {@link RandomGenerator} whose {@code nextDouble()} returns the given values in turn, cycling,
 * so that a test can force an augmenter's draws. Other draws derive from {@code nextLong()}, which
 * is not supported.
 */
final class FixedRandom implements RandomGenerator {
    private final double[] values;
    private int next;

    FixedRandom(double... values) {
        this.values = values.clone();
    }

    @Override
    public double nextDouble() {
        double value = values[next];
        next = (next + 1) % values.length;
        return value;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("FixedRandom only draws doubles");
    }
}
