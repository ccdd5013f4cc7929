package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class BetaSamplerTest {
    private static final int DRAWS = 40_000;

    /** Returns the mean and the variance of {@value #DRAWS} draws, checking the range. */
    private static double[] moments(double alpha, long seed) {
        BetaSampler beta = new BetaSampler(alpha);
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double value = beta.draw(random);
            assertThat(value).isBetween(0.0, 1.0);
            sum += value;
            squares += value * value;
        }
        double mean = sum / DRAWS;
        return new double[] {mean, squares / DRAWS - mean * mean};
    }

    @Test
    void hasTheMeanAndVarianceOfBetaAlphaAlpha() {
        // Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1)).
        for (double alpha : new double[] {0.2, 1.0, 4.0}) {
            double[] moments = moments(alpha, 17);
            assertThat(moments[0]).as("mean, alpha %s", alpha).isCloseTo(0.5, within(0.01));
            assertThat(moments[1])
                    .as("variance, alpha %s", alpha)
                    .isCloseTo(1 / (4 * (2 * alpha + 1)), within(0.005));
        }
    }

    @Test
    void aSmallAlphaDrawsMostlyNearZeroOrOne() {
        BetaSampler beta = new BetaSampler(0.2);
        SplittableRandom random = new SplittableRandom(3);
        int extreme = 0;
        for (int i = 0; i < 10_000; i++) {
            double value = beta.draw(random);
            extreme += value < 0.1 || value > 0.9 ? 1 : 0;
        }
        // P(Beta(0.2, 0.2) outside [0.1, 0.9]) is about 0.64.
        assertThat(extreme).isBetween(6_000, 6_800);
        // Far below 1 both gamma draws underflow at times; the result stays a number in [0, 1].
        double[] tiny = moments(0.005, 9);
        assertThat(tiny[0]).isCloseTo(0.5, within(0.02));
    }
}
