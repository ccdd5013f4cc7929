package dev.classify.augment;

import dev.classify.api.Options;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A closed interval [low, high] of finite numbers, read from an option written as {@code [low,
 * high]}; random draws from it are uniform.
 *
 * @param low the smallest value, finite
 * @param high the largest value, finite, at least {@code low}
 */
record NumberRange(double low, double high) {

    /**
     * Reads option {@code key} as {@code [low, high]} with {@code low <= high}, both finite and
     * {@code low} greater than {@code exclusiveMinimum}, recording every problem in {@code
     * options}.
     *
     * @return the range, {@code defaultValue} when the option is absent, or empty when it is
     *     invalid (a problem is then recorded)
     */
    static Optional<NumberRange> read(
            Options options, String key, NumberRange defaultValue, double exclusiveMinimum) {
        List<Double> values = options.doubleList(key, null);
        if (values == null) {
            return options.has(key) ? Optional.empty() : Optional.of(defaultValue);
        }
        if (values.size() != 2) {
            options.problem(key, "expected [low, high], got " + values);
            return Optional.empty();
        }
        double low = values.get(0);
        double high = values.get(1);
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            options.problem(key, "expected finite numbers with low <= high, got " + values);
            return Optional.empty();
        }
        if (low <= exclusiveMinimum) {
            options.problem(key, "must be greater than " + exclusiveMinimum + ", got " + values);
            return Optional.empty();
        }
        return Optional.of(new NumberRange(low, high));
    }

    /**
     * Draws a value uniformly from [low, high); returns {@code low} when the range is one point
     * (where {@link RandomGenerator#nextDouble(double, double)} would throw). Advances {@code
     * random} by exactly one {@code nextDouble()} either way, so that draws stay aligned.
     */
    double draw(RandomGenerator random) {
        return low + (high - low) * random.nextDouble();
    }

    /** Returns {@code [low, high]}. */
    @Override
    public String toString() {
        return "[" + low + ", " + high + "]";
    }
}
