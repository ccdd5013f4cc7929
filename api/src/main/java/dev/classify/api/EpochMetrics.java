package dev.classify.api;

/**
 * What one epoch measured. Validation values are {@code NaN} when there is no hold-out.
 *
 * @param epoch the epoch, from 1
 * @param learningRate the learning rate in force during the epoch
 * @param trainLoss mean softmax cross-entropy over the epoch's training batches (before each
 *     update)
 * @param trainAccuracy top-1 accuracy over the epoch's training batches, in [0, 1]
 * @param validationLoss mean cross-entropy on the hold-out after the epoch
 * @param validationAccuracy top-1 accuracy on the hold-out after the epoch, in [0, 1]
 * @param epochSeconds wall time of the epoch, training and validation, in seconds
 * @param imagesPerSecond training images per second of wall time during the training part
 */
public record EpochMetrics(
        int epoch,
        double learningRate,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double epochSeconds,
        double imagesPerSecond) {

    /** Returns whether a hold-out was evaluated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationAccuracy);
    }
}
