package dev.classify.engine.train.schedule;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.SchedulerConfig;

/**
 * Reduce-on-plateau with the semantics of PyTorch's {@code ReduceLROnPlateau} in relative threshold
 * mode: an epoch improves when its metric beats the best so far by more than {@code threshold}
 * times the best; after more than {@code patience} epochs without improvement the rate is
 * multiplied by {@code factor} (never below {@code minLr}), the count restarts, and {@code
 * cooldown} epochs pass before bad epochs count again. DJL has no such tracker (its trackers count
 * optimizer updates).
 */
final class PlateauSchedule implements LearningRateSchedule {
    private final boolean higherIsBetter;
    private final int patience;
    private final double factor;
    private final double threshold;
    private final int cooldown;
    private final double minLr;

    private double learningRate;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    PlateauSchedule(double initial, SchedulerConfig config) {
        this.higherIsBetter = config.monitor().endsWith("accuracy");
        this.patience = config.patience();
        this.factor = config.factor();
        this.threshold = config.threshold();
        this.cooldown = config.cooldown();
        this.minLr = config.minLr();
        this.learningRate = initial;
        this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void endEpoch(EpochMetrics metrics) {
        double current = higherIsBetter ? metrics.validationAccuracy() : metrics.validationLoss();
        if (isBetter(current)) {
            best = current;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double reduced = Math.max(learningRate * factor, minLr);
            // PyTorch ignores reductions smaller than eps = 1e-8
            if (learningRate - reduced > 1e-8) {
                learningRate = reduced;
            }
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    private boolean isBetter(double current) {
        if (higherIsBetter) {
            return current > best * (1 + threshold);
        }
        return current < best * (1 - threshold);
    }
}
