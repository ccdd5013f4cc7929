package dev.classify.engine.lrfind;

/**
 * What a learning-rate range test sweeps: from {@code start} to {@code end} (learning rates, both
 * positive, {@code start < end}) over {@code steps} training batches, at least 2.
 *
 * @param start the learning rate of the first batch
 * @param end the learning rate of the last batch
 * @param steps training batches (optimizer steps) of the sweep
 */
public record LrFindOptions(double start, double end, int steps) {
    /** fastai's defaults: 1e-7 to 10 over 100 batches. */
    public static final LrFindOptions DEFAULT = new LrFindOptions(1e-7, 10, 100);

    /**
     * @throws IllegalArgumentException when a rate is not finite and positive, {@code start >= end}
     *     or {@code steps < 2}
     */
    public LrFindOptions {
        if (!(start > 0) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException(
                    "the start and end rates must be finite and positive, got "
                            + start
                            + " and "
                            + end);
        }
        if (!(start < end)) {
            throw new IllegalArgumentException(
                    "the start rate must be below the end rate, got " + start + " and " + end);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be at least 2, got " + steps);
        }
    }

    /**
     * The learning rate of batch {@code step} (0 to {@code steps - 1}): {@code start * (end /
     * start)^(step / (steps - 1))}, exactly {@code start} at the first and {@code end} at the last.
     */
    public double rate(int step) {
        if (step == steps - 1) {
            return end;
        }
        return start * Math.pow(end / start, (double) step / (steps - 1));
    }
}
