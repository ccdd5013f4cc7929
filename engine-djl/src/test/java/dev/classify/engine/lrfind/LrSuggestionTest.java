package dev.classify.engine.lrfind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LrSuggestionTest {
    private static List<LrFindPoint> curve(double[] rates, double[] smoothed) {
        List<LrFindPoint> points = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            points.add(new LrFindPoint(rates[i], smoothed[i], smoothed[i]));
        }
        return points;
    }

    @Test
    void suggestsTheRateOfTheSteepestFallAndATenthOfTheMinimum() {
        double[] rates = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1};
        double[] smoothed = {2.3, 2.2, 1.2, 0.9, 0.8, 5.0};

        LrSuggestion suggestion = LrSuggestion.of(curve(rates, smoothed), 2);

        // Too few points to leave any out: the fall from 1e-4 to 1e-3 is the steepest.
        assertThat(suggestion.steepest()).isEqualTo(1e-4);
        assertThat(suggestion.minimumTenth()).isCloseTo(1e-2, within(1e-15));
    }

    @Test
    void leavesOutTheFirstTenthAndTheLastFivePoints() {
        int steps = 20;
        double[] rates = new double[steps];
        double[] smoothed = new double[steps];
        for (int i = 0; i < steps; i++) {
            rates[i] = Math.pow(10, -6 + i * 0.25);
            smoothed[i] = 3.0 - 0.05 * i;
        }
        smoothed[0] = 100; // a steep fall at the start, left out (first 20 / 10 = 2 points)
        smoothed[1] = 3.0;
        smoothed[8] = 1.0; // the steepest kept fall: from 7 to 8
        smoothed[18] = -50; // the lowest and steepest, but among the last five
        smoothed[19] = 50;

        LrSuggestion suggestion = LrSuggestion.of(curve(rates, smoothed), steps);

        assertThat(suggestion.steepest()).isEqualTo(rates[7]);
        assertThat(suggestion.minimumTenth()).isEqualTo(rates[8] / 10);
    }
}
