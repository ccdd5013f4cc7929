package dev.classify.engine.lrfind;

/**
 * The exponentially smoothed loss of a learning-rate sweep and its stop rule, as fastai's {@code
 * lr_find} computes them: {@code average = beta * average + (1 - beta) * loss}, reported with bias
 * correction {@code average / (1 - beta^n)} after {@code n} losses; the sweep stops once the
 * smoothed loss exceeds {@link #DIVERGENCE} times the best smoothed loss so far (or is not finite).
 * Not thread safe.
 */
final class LossSmoothing {
    /** fastai's smoothing factor. */
    static final double BETA = 0.98;

    /** The smoothed loss, relative to the best, at which the sweep stops. */
    static final double DIVERGENCE = 4;

    private final double beta;
    private double average;
    private int count;
    private double best = Double.POSITIVE_INFINITY;

    LossSmoothing() {
        this(BETA);
    }

    LossSmoothing(double beta) {
        this.beta = beta;
    }

    /** Adds the loss of the next batch and returns the bias-corrected smoothed loss. */
    double add(double loss) {
        count++;
        average = beta * average + (1 - beta) * loss;
        double smoothed = average / (1 - Math.pow(beta, count));
        if (smoothed < best) {
            best = smoothed;
        }
        return smoothed;
    }

    /** Whether the sweep should stop after a batch whose smoothed loss is {@code smoothed}. */
    boolean diverged(double smoothed) {
        return !Double.isFinite(smoothed) || smoothed > DIVERGENCE * best;
    }
}
