package dev.classify.engine.train.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.SchedulerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays metric sequences through the plateau schedule. The expected epochs were worked out by
 * hand from PyTorch's {@code ReduceLROnPlateau.step} (threshold_mode {@code rel}):
 *
 * <pre>
 * if is_better(current, best): best = current; num_bad = 0     # max: a > best * (1 + thr)
 * else: num_bad += 1                                            # min: a < best * (1 - thr)
 * if cooldown_counter > 0: cooldown_counter -= 1; num_bad = 0
 * if num_bad > patience: lr = max(lr * factor, min_lr) (if it drops by more than 1e-8);
 *                        cooldown_counter = cooldown; num_bad = 0
 * </pre>
 *
 * with {@code best} starting at -inf (max) or +inf (min).
 */
final class PlateauScheduleTest {
    private static final double INITIAL = 0.1;

    private static SchedulerConfig plateau(
            String monitor, int patience, double factor, int cooldown, double minLr) {
        return new SchedulerConfig(
                "plateau", null, null, monitor, patience, factor, 1e-4, cooldown, minLr, null,
                null);
    }

    /** Feeds validation accuracies; the loss falls every epoch so that reading it would differ. */
    private static List<Double> replayAccuracy(SchedulerConfig config, double... accuracies) {
        LearningRateSchedule schedule = LearningRateSchedule.create(config, INITIAL, 100);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            rates.add(schedule.learningRate());
            schedule.endEpoch(metrics(i + 1, 1.0 / (i + 1), accuracies[i]));
        }
        rates.add(schedule.learningRate());
        return rates;
    }

    /** Feeds validation losses; the accuracy rises every epoch so that reading it would differ. */
    private static List<Double> replayLoss(SchedulerConfig config, double... losses) {
        LearningRateSchedule schedule = LearningRateSchedule.create(config, INITIAL, 100);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            rates.add(schedule.learningRate());
            schedule.endEpoch(metrics(i + 1, losses[i], i / 100.0));
        }
        rates.add(schedule.learningRate());
        return rates;
    }

    private static EpochMetrics metrics(int epoch, double loss, double accuracy) {
        return new EpochMetrics(epoch, 0, 1.0, 0.5, loss, accuracy, 1.0, 100.0);
    }

    /** Returns the epochs (from 1) after which the rate went down. */
    private static List<Integer> reductions(List<Double> rates) {
        List<Integer> epochs = new ArrayList<>();
        for (int i = 1; i < rates.size(); i++) {
            if (rates.get(i) < rates.get(i - 1)) {
                epochs.add(i);
            }
        }
        return epochs;
    }

    @Test
    void halvesTheRateAfterMoreThanPatienceEpochsWithoutImprovement() {
        // epoch  accuracy  best     bad epochs
        //  1     0.50      0.50     0
        //  2     0.60      0.60     0
        //  3     0.60      0.60     1   (not above 0.60 * 1.0001 = 0.60006)
        //  4     0.60005   0.60     2   (still not above 0.60006: the threshold is relative)
        //  5     0.59      0.60     3 > 2: reduce to 0.05, bad = 0
        //  6     0.61      0.61     0
        //  7-9   0.60      0.61     1, 2, 3 > 2: reduce to 0.025 after epoch 9
        // 10-12  0.60      0.61     1, 2, 3 > 2: reduce to 0.0125 after epoch 12
        List<Double> rates =
                replayAccuracy(
                        plateau("val_accuracy", 2, 0.5, 0, 0),
                        0.50,
                        0.60,
                        0.60,
                        0.60005,
                        0.59,
                        0.61,
                        0.60,
                        0.60,
                        0.60,
                        0.60,
                        0.60,
                        0.60);

        assertThat(reductions(rates)).containsExactly(5, 9, 12);
        assertThat(rates.get(5)).isCloseTo(0.05, within(1e-12));
        assertThat(rates.get(9)).isCloseTo(0.025, within(1e-12));
        assertThat(rates.get(12)).isCloseTo(0.0125, within(1e-12));
    }

    @Test
    void anImprovementBeyondTheThresholdResetsTheCount() {
        // 0.6001 > 0.60006 counts as better, so the bad-epoch count of epochs 2-3 restarts and
        // epochs 5-7 are the first three bad ones in a row: the first cut is after epoch 7.
        List<Double> rates =
                replayAccuracy(
                        plateau("val_accuracy", 2, 0.5, 0, 0),
                        0.60,
                        0.60,
                        0.60,
                        0.6001,
                        0.6001,
                        0.6001,
                        0.6001);

        assertThat(reductions(rates)).containsExactly(7);
    }

    @Test
    void withoutCooldownAFlatMetricCutsEveryThirdEpoch() {
        // Epoch 1 sets the best; epochs 2-4 are bad 1, 2, 3 > 2: cut after 4; then after 7, 10.
        List<Double> rates =
                replayAccuracy(
                        plateau("val_accuracy", 2, 0.5, 0, 0),
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5);

        assertThat(reductions(rates)).containsExactly(4, 7, 10);
    }

    @Test
    void aCooldownPausesTheCountAfterACut() {
        // Cut after epoch 4 (bad 1, 2, 3), cooldown_counter = 1. Epoch 5 is bad (1) but in
        // cooldown: the counter goes to 0 and bad back to 0. Epochs 6-8 are bad 1, 2, 3: cut
        // after 8; likewise epoch 9 is swallowed by the cooldown and the next cut is after 12.
        List<Double> rates =
                replayAccuracy(
                        plateau("val_accuracy", 2, 0.5, 1, 0),
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0.5);

        assertThat(reductions(rates)).containsExactly(4, 8, 12);
        assertThat(rates.get(12)).isCloseTo(INITIAL / 8, within(1e-12));
    }

    @Test
    void neverGoesBelowTheMinimumRate() {
        // Patience 0: every epoch after the first is bad and cuts: 0.1 -> 0.05 -> max(0.025,
        // 0.03) = 0.03 -> stays at 0.03.
        List<Double> rates =
                replayAccuracy(plateau("val_accuracy", 0, 0.5, 0, 0.03), 0.5, 0.5, 0.5, 0.5, 0.5);

        assertThat(rates).hasSize(6);
        assertThat(rates.get(0)).isEqualTo(0.1);
        assertThat(rates.get(1)).isEqualTo(0.1);
        assertThat(rates.get(2)).isCloseTo(0.05, within(1e-12));
        assertThat(rates.get(3)).isEqualTo(0.03);
        assertThat(rates.get(4)).isEqualTo(0.03);
        assertThat(rates.get(5)).isEqualTo(0.03);
    }

    @Test
    void monitorsTheValidationLossWithLowerIsBetter() {
        // epoch  loss     best   bad epochs
        //  1     1.0      1.0    0
        //  2     0.8      0.8    0
        //  3     0.79995  0.8    1   (not below 0.8 * 0.9999 = 0.79992)
        //  4     0.9      0.8    2
        //  5     0.7      0.7    0
        //  6-8   0.75     0.7    1, 2, 3 > 2: cut after 8
        //  9-11  0.75     0.7    1, 2, 3 > 2: cut after 11
        // The accuracy rises every epoch: a schedule reading it would never cut.
        List<Double> rates =
                replayLoss(
                        plateau("val_loss", 2, 0.5, 0, 0),
                        1.0,
                        0.8,
                        0.79995,
                        0.9,
                        0.7,
                        0.75,
                        0.75,
                        0.75,
                        0.75,
                        0.75,
                        0.75);

        assertThat(reductions(rates)).containsExactly(8, 11);
    }

    @Test
    void aRisingAccuracyNeverCuts() {
        List<Double> rates =
                replayAccuracy(plateau("val_accuracy", 0, 0.5, 0, 0), 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);

        assertThat(rates).containsOnly(INITIAL);
    }

    @Test
    void ignoresCutsSmallerThanPyTorchsEpsilon() {
        // PyTorch keeps the rate when old - new <= 1e-8: from 1e-8, halving would change it by
        // only 5e-9.
        LearningRateSchedule schedule =
                LearningRateSchedule.create(plateau("val_accuracy", 0, 0.5, 0, 0), 1e-8, 100);
        schedule.endEpoch(metrics(1, 1, 0.5));
        schedule.endEpoch(metrics(2, 1, 0.5));

        assertThat(schedule.learningRate()).isEqualTo(1e-8);
    }

    @Test
    void stepDecayMultipliesByGammaEveryStepEpochs() {
        LearningRateSchedule schedule =
                LearningRateSchedule.create(
                        new SchedulerConfig(
                                "step", 3, 0.1, null, null, null, null, null, null, null, null),
                        INITIAL,
                        100);
        List<Double> rates = new ArrayList<>();
        for (int epoch = 1; epoch <= 7; epoch++) {
            rates.add(schedule.learningRate());
            schedule.endEpoch(metrics(epoch, 1, 0.5));
        }

        assertThat(rates.subList(0, 3)).containsOnly(0.1);
        assertThat(rates.subList(3, 6))
                .allSatisfy(rate -> assertThat(rate).isCloseTo(0.01, within(1e-12)));
        assertThat(rates.get(6)).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void aConstantScheduleNeverChanges() {
        LearningRateSchedule schedule =
                LearningRateSchedule.create(SchedulerConfig.defaults(), INITIAL, 100);
        for (int epoch = 1; epoch <= 5; epoch++) {
            schedule.endEpoch(metrics(epoch, 10, 0));
        }

        assertThat(schedule.learningRate()).isEqualTo(INITIAL);
    }
}
