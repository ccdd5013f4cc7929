package dev.classify.engine.train.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * A DJL learning-rate tracker whose value the training loop sets once per epoch. DJL's trackers are
 * functions of the optimizer update count; schedules that read validation metrics need this
 * instead.
 */
public final class EpochLearningRate implements Tracker {
    private volatile float value;

    public EpochLearningRate(double initial) {
        this.value = (float) initial;
    }

    public void set(double learningRate) {
        this.value = (float) learningRate;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}
