package dev.classify.engine.lrfind;

import java.util.List;

/**
 * What a learning-rate sweep measured.
 *
 * @param options the sweep that was asked for
 * @param points one per batch trained, in order of rising rate
 * @param diverged whether the sweep stopped early because the smoothed loss ran away (above 4x its
 *     best)
 * @param suggestion the suggested rates
 */
public record LrFindResult(
        LrFindOptions options,
        List<LrFindPoint> points,
        boolean diverged,
        LrSuggestion suggestion) {
    public LrFindResult {
        points = List.copyOf(points);
    }
}
