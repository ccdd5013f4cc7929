package dev.classify.engine.train;

/**
 * Thrown by {@link TrainingLoop} when its {@link RunListener} asked to stop: the current epoch was
 * abandoned and nothing of it written, so {@code checkpoints/last} holds the last finished epoch
 * and the run can be resumed from it.
 */
public final class RunInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int bestEpoch;

    RunInterruptedException(int epoch, int bestEpoch) {
        super(
                bestEpoch == 0
                        ? "interrupted in epoch " + epoch + " before any epoch finished"
                        : "interrupted in epoch "
                                + epoch
                                + "; the model of epoch "
                                + bestEpoch
                                + " is kept");
        this.epoch = epoch;
        this.bestEpoch = bestEpoch;
    }

    /** The abandoned epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The epoch whose model is in the run's {@code model/}, or 0 when no epoch finished. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
