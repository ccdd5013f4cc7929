package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The augmentation pipelines, applied in order to every batch. Training usually adds random steps
 * (flips, crops); evaluation (validation and prediction) should be deterministic. Both default to
 * empty: no augmentation.
 *
 * <p>{@code tta} names the test-time augmentation views that the run's evaluation averages with
 * each image, in class probability: each epoch's validation (so the hold-out accuracy, the kept
 * model and early stopping see them), the hold-out evaluation and the test predictions at the end.
 * {@code flip} is the left-right mirror, {@code shift} the image moved by one pixel in each of the
 * four directions, {@code shift2} by two; the views are made after the evaluation augmentation, as
 * {@code classify predict --tta} makes them. Empty (the default) evaluates the images alone.
 *
 * @param train the steps applied to training batches
 * @param eval the steps applied to validation and prediction batches
 * @param tta the test-time augmentation views, a subset of {@link #TTA_VIEWS}; empty for none
 */
public record AugmentConfig(List<PluginConfig> train, List<PluginConfig> eval, List<String> tta) {
    /** The test-time augmentation views {@code tta} may name. */
    public static final Set<String> TTA_VIEWS = new TreeSet<>(List.of("flip", "shift", "shift2"));

    /** Fills empty lists and copies. */
    public AugmentConfig {
        train = train == null ? List.of() : List.copyOf(train);
        eval = eval == null ? List.of() : List.copyOf(eval);
        tta = tta == null ? List.of() : List.copyOf(tta);
    }

    /** Training and evaluation steps without test-time augmentation. */
    public AugmentConfig(List<PluginConfig> train, List<PluginConfig> eval) {
        this(train, eval, List.of());
    }

    /** Records problems under {@code path}; the steps' options are checked by their plugins. */
    public void validate(String path, Problems problems) {
        // Each step's options are validated by its provider when the pipeline is built.
        for (int i = 0; i < tta.size(); i++) {
            String view = tta.get(i);
            problems.check(
                    TTA_VIEWS.contains(view),
                    path + ".tta[" + i + "]",
                    "unknown view '" + view + "'; known: " + TTA_VIEWS + ", e.g. tta: [flip]");
        }
        problems.check(
                tta.stream().distinct().count() == tta.size(),
                path + ".tta",
                "names a view twice: " + tta + "; name each once");
    }
}
