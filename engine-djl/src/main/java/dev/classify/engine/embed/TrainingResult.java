package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

import dev.classify.api.EpochMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TrainingRun#train} produced.
 *
 * @param runDirectory the run folder; {@link ImageClassifier#load} loads its model
 * @param epochs the metrics of every epoch, in order
 * @param bestEpoch the epoch whose model was kept (best validation accuracy, or the last epoch
 *     without a hold-out), from 1
 * @param submission the prediction file written for the test images, when they were configured
 */
public record TrainingResult(
        Path runDirectory, List<EpochMetrics> epochs, int bestEpoch, Optional<Path> submission) {
    /** Checks the values and keeps an unmodifiable copy of {@code epochs}. */
    public TrainingResult {
        requireNonNull(runDirectory, "runDirectory is null");
        epochs = List.copyOf(epochs);
        requireNonNull(submission, "submission is null");
    }

    /** The kept epoch's metrics: its validation accuracy is the model's hold-out accuracy. */
    public EpochMetrics best() {
        return epochs.get(bestEpoch - 1);
    }
}
