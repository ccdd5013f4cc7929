package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.List;

/**
 * The augmentation pipelines, applied in order to every batch. Training usually adds random steps
 * (flips, crops); evaluation (validation and prediction) should be deterministic. Both default to
 * empty: no augmentation.
 *
 * @param train the steps applied to training batches
 * @param eval the steps applied to validation and prediction batches
 */
public record AugmentConfig(List<PluginConfig> train, List<PluginConfig> eval) {
    /** Fills empty lists and copies. */
    public AugmentConfig {
        train = train == null ? List.of() : List.copyOf(train);
        eval = eval == null ? List.of() : List.copyOf(eval);
    }

    /** Records problems under {@code path}; the steps' options are checked by their plugins. */
    public void validate(String path, Problems problems) {
        // Each step's options are validated by its provider when the pipeline is built.
    }
}
