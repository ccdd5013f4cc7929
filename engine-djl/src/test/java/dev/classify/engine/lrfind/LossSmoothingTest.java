package dev.classify.engine.lrfind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class LossSmoothingTest {
    @Test
    void theFirstSmoothedLossIsTheLossItselfThanksToTheBiasCorrection() {
        assertThat(new LossSmoothing().add(2.5)).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void averagesWithBeta098AndBiasCorrection() {
        LossSmoothing smoothing = new LossSmoothing();
        smoothing.add(2.0);
        double second = smoothing.add(1.0);
        // (0.98 * 0.02 * 2 + 0.02 * 1) / (1 - 0.98^2)
        assertThat(second).isCloseTo((0.98 * 0.04 + 0.02) / (1 - 0.98 * 0.98), within(1e-12));
        assertThat(second).isCloseTo(1.49495, within(1e-5));
    }

    @Test
    void stopsOnceTheSmoothedLossExceedsFourTimesTheBest() {
        LossSmoothing smoothing = new LossSmoothing(0);
        for (double loss : new double[] {2.0, 1.0, 0.5, 1.5, 2.0}) {
            assertThat(smoothing.diverged(smoothing.add(loss))).as("loss %s", loss).isFalse();
        }
        assertThat(smoothing.diverged(smoothing.add(2.01))).isTrue();
    }

    @Test
    void stopsOnANonFiniteLoss() {
        LossSmoothing smoothing = new LossSmoothing();
        smoothing.add(1.0);
        assertThat(smoothing.diverged(smoothing.add(Double.NaN))).isTrue();
        assertThat(new LossSmoothing().diverged(Double.POSITIVE_INFINITY)).isTrue();
    }
}
