package dev.classify.engine.train.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.SchedulerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the cosine schedule. Expected rates were worked out by hand from PyTorch: {@code
 * CosineAnnealingLR(T_max, eta_min)} gives {@code eta_min + (base - eta_min) * (1 + cos(pi * t /
 * T_max)) / 2} after t steps; with warm-up W it is preceded by {@code LinearLR(start_factor=1/(W +
 * 1), total_iters=W)}, whose factor after i steps is {@code start + (1 - start) * i / W = (i + 1) /
 * (W + 1)}, chained by {@code SequentialLR(milestones=[W])}.
 */
final class CosineScheduleTest {
    private static SchedulerConfig cosine(Integer warmupEpochs, Double minLr) {
        return new SchedulerConfig(
                "cosine", null, null, null, null, null, null, null, minLr, null, warmupEpochs);
    }

    @Test
    void annealsFromTheInitialRateOverAllEpochs() {
        // T_max = 5, eta_min = 0, base 0.1: rate = 0.05 * (1 + cos(pi * t / 5))
        //   t = 0: 0.05 * 2                   = 0.1
        //   t = 1: 0.05 * (1 + 0.8090169944)  = 0.0904508497
        //   t = 2: 0.05 * (1 + 0.3090169944)  = 0.0654508497
        //   t = 3: 0.05 * (1 - 0.3090169944)  = 0.0345491503
        //   t = 4: 0.05 * (1 - 0.8090169944)  = 0.0095491503
        List<Double> rates = MultiStepScheduleTest.replay(cosine(null, null), 0.1, 5);

        assertThat(rates).hasSize(5);
        assertThat(rates.get(0)).isCloseTo(0.1, within(1e-12));
        assertThat(rates.get(1)).isCloseTo(0.0904508497, within(1e-10));
        assertThat(rates.get(2)).isCloseTo(0.0654508497, within(1e-10));
        assertThat(rates.get(3)).isCloseTo(0.0345491503, within(1e-10));
        assertThat(rates.get(4)).isCloseTo(0.0095491503, within(1e-10));
    }

    @Test
    void warmsUpLinearlyThenAnnealsToTheMinimum() {
        // epochs 6, W = 2, T_max = 4, base 0.1, eta_min 0.01
        //   e = 0: 0.1 * 1/3                                    = 0.0333333333
        //   e = 1: 0.1 * 2/3                                    = 0.0666666667
        //   e = 2: t = 0: 0.01 + 0.09 * (1 + 1) / 2             = 0.1
        //   e = 3: t = 1: 0.01 + 0.045 * (1 + 0.7071067812)     = 0.0868198052
        //   e = 4: t = 2: 0.01 + 0.045 * (1 + 0)                = 0.055
        //   e = 5: t = 3: 0.01 + 0.045 * (1 - 0.7071067812)     = 0.0231801948
        List<Double> rates = MultiStepScheduleTest.replay(cosine(2, 0.01), 0.1, 6);

        assertThat(rates).hasSize(6);
        assertThat(rates.get(0)).isCloseTo(0.0333333333, within(1e-10));
        assertThat(rates.get(1)).isCloseTo(0.0666666667, within(1e-10));
        assertThat(rates.get(2)).isCloseTo(0.1, within(1e-12));
        assertThat(rates.get(3)).isCloseTo(0.0868198052, within(1e-10));
        assertThat(rates.get(4)).isCloseTo(0.055, within(1e-12));
        assertThat(rates.get(5)).isCloseTo(0.0231801948, within(1e-10));
    }

    @Test
    void reachesTheMinimumAfterTheLastEpochAndStaysThere() {
        LearningRateSchedule schedule = LearningRateSchedule.create(cosine(1, 0.001), 0.1, 3);
        for (int epoch = 1; epoch <= 5; epoch++) {
            schedule.endEpoch(new EpochMetrics(epoch, 0, 1.0, 0.5, 1.0, 0.5, 1.0, 100.0));
        }

        assertThat(schedule.learningRate()).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void aSingleEpochAfterWarmUpRunsAtTheInitialRate() {
        // epochs 3, W = 2: 0.1/3, 0.2/3, then t = 0 of T_max = 1: the initial rate.
        List<Double> rates = MultiStepScheduleTest.replay(cosine(2, null), 0.3, 3);

        assertThat(rates.get(0)).isCloseTo(0.1, within(1e-12));
        assertThat(rates.get(1)).isCloseTo(0.2, within(1e-12));
        assertThat(rates.get(2)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void rejectsAWarmUpAsLongAsTheRun() {
        assertThatThrownBy(() -> LearningRateSchedule.create(cosine(3, null), 0.1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmupEpochs 3");
    }
}
