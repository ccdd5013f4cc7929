package dev.classify.engine.train.schedule;

import dev.classify.api.EpochMetrics;

/**
 * Linear warm-up followed by cosine annealing, stepped once per epoch. With W warm-up epochs, E
 * epochs in all and e epochs done: for e &lt; W the rate is initial * (e + 1) / (W + 1); after
 * that, with t = e - W and T = E - W, it is minLr + (initial - minLr) * (1 + cos(pi * t / T)) / 2.
 * This equals PyTorch's {@code SequentialLR([LinearLR(start_factor=1/(W+1), total_iters=W),
 * CosineAnnealingLR(T_max=E-W, eta_min=minLr)], milestones=[W])}, or {@code
 * CosineAnnealingLR(T_max=E)} alone when W is 0. The rate reaches {@code minLr} only after the last
 * epoch; should more epochs run than planned, it stays there (PyTorch would rise again).
 */
final class CosineSchedule implements LearningRateSchedule {
    private final double initial;
    private final double minLr;
    private final int warmupEpochs;
    private final int annealingEpochs;
    private int epochsDone;

    /**
     * @param epochs the epochs of the whole run, more than {@code warmupEpochs}
     * @param warmupEpochs epochs of linear warm-up, at least 0
     */
    CosineSchedule(double initial, double minLr, int epochs, int warmupEpochs) {
        if (warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException(
                    "warmupEpochs " + warmupEpochs + " must be in [0, epochs " + epochs + ")");
        }
        this.initial = initial;
        this.minLr = minLr;
        this.warmupEpochs = warmupEpochs;
        this.annealingEpochs = epochs - warmupEpochs;
    }

    @Override
    public double learningRate() {
        if (epochsDone < warmupEpochs) {
            return initial * (epochsDone + 1) / (warmupEpochs + 1);
        }
        int t = Math.min(epochsDone - warmupEpochs, annealingEpochs);
        return minLr + (initial - minLr) * (1 + Math.cos(Math.PI * t / annealingEpochs)) / 2;
    }

    @Override
    public void endEpoch(EpochMetrics metrics) {
        epochsDone++;
    }
}
