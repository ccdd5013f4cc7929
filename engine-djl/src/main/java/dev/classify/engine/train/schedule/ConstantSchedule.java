package dev.classify.engine.train.schedule;

import dev.classify.api.EpochMetrics;

/** A learning rate that never changes. */
final class ConstantSchedule implements LearningRateSchedule {
    private final double learningRate;

    ConstantSchedule(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void endEpoch(EpochMetrics metrics) {}
}
