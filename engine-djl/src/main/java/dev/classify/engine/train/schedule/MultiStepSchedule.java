package dev.classify.engine.train.schedule;

import dev.classify.api.EpochMetrics;
import java.util.List;

/**
 * Decay at chosen epochs: the initial rate times {@code gamma} to the power of the number of
 * milestones at most the number of epochs done, like PyTorch's {@code MultiStepLR} stepped once per
 * epoch. With milestones [2, 4] the rate of epochs 1-2 is the initial one, of epochs 3-4 times
 * gamma, and from epoch 5 on times gamma squared.
 */
final class MultiStepSchedule implements LearningRateSchedule {
    private final double initial;
    private final List<Integer> milestones;
    private final double gamma;
    private int epochsDone;

    /**
     * @param milestones strictly increasing epochs, each at least 1
     */
    MultiStepSchedule(double initial, List<Integer> milestones, double gamma) {
        this.initial = initial;
        this.milestones = List.copyOf(milestones);
        this.gamma = gamma;
    }

    @Override
    public double learningRate() {
        int passed = 0;
        for (int milestone : milestones) {
            if (milestone <= epochsDone) {
                passed++;
            }
        }
        return initial * Math.pow(gamma, passed);
    }

    @Override
    public void endEpoch(EpochMetrics metrics) {
        epochsDone++;
    }
}
