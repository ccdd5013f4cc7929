package dev.classify.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a listener learns when a run starts.
 *
 * @param configuration the resolved configuration (defaults filled in), as the run folder's {@code
 *     config.yaml} holds it: a read-only tree of maps, lists, strings, numbers and booleans
 * @param runDirectory the run folder, which exists
 * @param firstEpoch the first epoch to train, from 1 (greater than 1 when resuming)
 * @param epochs the last epoch to train ({@code train.epochs})
 */
public record RunStart(
        Map<String, Object> configuration, Path runDirectory, int firstEpoch, int epochs) {
    /** Checks the values and keeps an unmodifiable view of {@code configuration}. */
    public RunStart {
        requireNonNull(configuration, "configuration is null");
        requireNonNull(runDirectory, "runDirectory is null");
        if (firstEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException(
                    "epochs start at 1, got " + firstEpoch + " and " + epochs);
        }
        configuration = java.util.Collections.unmodifiableMap(configuration);
    }
}
