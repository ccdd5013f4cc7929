package dev.classify.engine;

import ai.djl.ndarray.NDArray;
import dev.classify.api.Augmenter;
import dev.classify.api.Options;
import dev.classify.api.config.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The augmenters of one configuration list, applied in order to NCHW float32 batches. */
final class AugmentationPipeline {
    private final List<Augmenter> steps;

    private AugmentationPipeline(List<Augmenter> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Creates each configured step through its provider; every step validates its own options.
     *
     * @param path the list's configuration path, e.g. {@code augment.train}
     */
    static AugmentationPipeline create(
            PluginCatalog catalog, String path, List<PluginConfig> configs) {
        List<Augmenter> steps = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            String stepPath = path + "[" + i + "]";
            PluginConfig config = configs.get(i);
            Options options = new Options(stepPath, config.options());
            steps.add(catalog.augmenter(stepPath + ".type", config.type()).create(options));
        }
        return new AugmentationPipeline(steps);
    }

    /** Returns the (C, H, W) the pipeline makes of images of shape {@code chw}. */
    int[] outputShape(int[] chw) {
        int[] shape = chw.clone();
        for (Augmenter step : steps) {
            shape = step.outputShape(shape);
        }
        return shape;
    }

    /** Applies every step; intermediate arrays stay attached to {@code batch}'s manager. */
    NDArray apply(NDArray batch, RandomGenerator random) {
        NDArray result = batch;
        for (Augmenter step : steps) {
            result = step.apply(result, random);
        }
        return result;
    }
}
