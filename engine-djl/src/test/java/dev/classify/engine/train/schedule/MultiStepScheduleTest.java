package dev.classify.engine.train.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.SchedulerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the multistep schedule. Expected rates were worked out by hand from PyTorch's {@code
 * MultiStepLR} stepped once per epoch: after k calls of {@code step()} the rate is {@code base *
 * gamma ** bisect_right(milestones, k)}, i.e. gamma to the number of milestones at most k.
 */
final class MultiStepScheduleTest {
    static List<Double> replay(SchedulerConfig config, double initial, int epochs) {
        LearningRateSchedule schedule = LearningRateSchedule.create(config, initial, epochs);
        List<Double> rates = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            rates.add(schedule.learningRate());
            schedule.endEpoch(new EpochMetrics(epoch, 0, 1.0, 0.5, 1.0, 0.5, 1.0, 100.0));
        }
        return rates;
    }

    private static SchedulerConfig multistep(List<Integer> milestones, Double gamma) {
        return new SchedulerConfig(
                "multistep", null, gamma, null, null, null, null, null, null, milestones, null);
    }

    @Test
    void decaysOnceAfterEachMilestone() {
        // epoch  epochs done k  milestones <= k  rate
        //  1     0              0                0.1
        //  2     1              0                0.1
        //  3     2              1 (2)            0.01
        //  4     3              1                0.01
        //  5     4              2 (2, 4)         0.001
        //  6     5              2                0.001
        List<Double> rates = replay(multistep(List.of(2, 4), null), 0.1, 6);

        assertThat(rates).hasSize(6);
        assertThat(rates.get(0)).isEqualTo(0.1);
        assertThat(rates.get(1)).isEqualTo(0.1);
        assertThat(rates.get(2)).isCloseTo(0.01, within(1e-15));
        assertThat(rates.get(3)).isCloseTo(0.01, within(1e-15));
        assertThat(rates.get(4)).isCloseTo(0.001, within(1e-15));
        assertThat(rates.get(5)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void aMilestoneOfOneDecaysFromTheSecondEpoch() {
        // milestones [1, 3], gamma 0.5: k = 0 -> 0.1; k = 1, 2 -> 0.05; k = 3, 4 -> 0.025.
        List<Double> rates = replay(multistep(List.of(1, 3), 0.5), 0.1, 5);

        assertThat(rates).containsExactly(0.1, 0.05, 0.05, 0.025, 0.025);
    }

    @Test
    void milestonesBeyondTheRunNeverApply() {
        List<Double> rates = replay(multistep(List.of(30, 60), null), 0.1, 4);

        assertThat(rates).containsOnly(0.1);
    }
}
