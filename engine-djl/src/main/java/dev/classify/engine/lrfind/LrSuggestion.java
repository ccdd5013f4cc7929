package dev.classify.engine.lrfind;

import java.util.List;

/**
 * The rates fastai's {@code lr_find} suggests from a sweep: {@code steepest}, where the smoothed
 * loss falls fastest against the logarithm of the rate (the minimum gradient), and {@code
 * minimumTenth}, a tenth of the rate of the lowest smoothed loss.
 *
 * @param steepest the learning rate at the steepest descent of the smoothed loss
 * @param minimumTenth a tenth of the learning rate at the smoothed loss's minimum
 */
public record LrSuggestion(double steepest, double minimumTenth) {
    /** Points left out at the end, as fastai does: the loss runs away there. */
    static final int SKIP_END = 5;

    /**
     * Suggests from {@code points} (in sweep order, at least 2) of a sweep planned over {@code
     * steps} batches. As fastai, the first {@code steps / 10} and the last {@link #SKIP_END} points
     * are left out (when at least 2 remain); the gradient at a point is the forward difference of
     * the smoothed loss over log10 of the rate to the next point, and the point of the smallest
     * gradient wins (the first on ties).
     *
     * @throws IllegalArgumentException with fewer than 2 points
     */
    public static LrSuggestion of(List<LrFindPoint> points, int steps) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("need at least 2 points, got " + points.size());
        }
        List<LrFindPoint> kept = points;
        int from = steps / 10;
        int to = points.size() - SKIP_END;
        if (to - from >= 2) {
            kept = points.subList(from, to);
        }
        int steepest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        int lowest = 0;
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).smoothedLoss() < kept.get(lowest).smoothedLoss()) {
                lowest = i;
            }
            if (i + 1 < kept.size()) {
                LrFindPoint here = kept.get(i);
                LrFindPoint next = kept.get(i + 1);
                double gradient =
                        (next.smoothedLoss() - here.smoothedLoss())
                                / (Math.log(next.learningRate()) - Math.log(here.learningRate()));
                if (gradient < smallest) {
                    smallest = gradient;
                    steepest = i;
                }
            }
        }
        return new LrSuggestion(
                kept.get(steepest).learningRate(), kept.get(lowest).learningRate() / 10);
    }
}
