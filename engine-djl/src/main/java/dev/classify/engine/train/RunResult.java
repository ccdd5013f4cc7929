package dev.classify.engine.train;

import dev.classify.api.EpochMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a training run.
 *
 * @param runDirectory the run folder
 * @param epochs the metrics of every epoch, in order
 * @param bestEpoch the epoch whose model was kept (best validation accuracy, or the last epoch)
 * @param submission the prediction file written for the test set, if one was configured
 */
public record RunResult(
        Path runDirectory, List<EpochMetrics> epochs, int bestEpoch, Optional<Path> submission) {}
