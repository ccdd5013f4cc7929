package dev.classify.api;

import java.util.List;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param epochs the metrics of every epoch the run holds, in order (a resumed run's earlier ones
 *     too)
 * @param bestEpoch the epoch whose model is kept (best validation accuracy, or the last epoch
 *     without a hold-out)
 * @param stopReason why a listener stopped the run before {@code train.epochs}, if one did
 */
public record RunEnd(List<EpochMetrics> epochs, int bestEpoch, Optional<String> stopReason) {
    /** Keeps an unmodifiable copy of {@code epochs}. */
    public RunEnd {
        epochs = List.copyOf(epochs);
    }
}
