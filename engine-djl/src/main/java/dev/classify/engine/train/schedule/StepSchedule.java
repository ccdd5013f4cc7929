package dev.classify.engine.train.schedule;

import dev.classify.api.EpochMetrics;

/**
 * Step decay: the initial rate times {@code gamma} to the power floor(epochs done / stepEpochs).
 */
final class StepSchedule implements LearningRateSchedule {
    private final double initial;
    private final int stepEpochs;
    private final double gamma;
    private int epochsDone;

    StepSchedule(double initial, int stepEpochs, double gamma) {
        this.initial = initial;
        this.stepEpochs = stepEpochs;
        this.gamma = gamma;
    }

    @Override
    public double learningRate() {
        return initial * Math.pow(gamma, epochsDone / stepEpochs);
    }

    @Override
    public void endEpoch(EpochMetrics metrics) {
        epochsDone++;
    }
}
