package dev.classify.engine.data;

import ai.djl.ndarray.NDArray;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.MixedBatch;
import dev.classify.api.MixingAugmenter;
import dev.classify.api.Options;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.plugin.PluginCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The augmenters of one configuration list, applied in order to NCHW float32 batches. A training
 * list may hold steps that mix images and labels ({@link MixingAugmenter}: {@code mixup}, {@code
 * cutmix}); an evaluation list may not.
 */
public final class AugmentationPipeline {
    private final List<Augmenter> steps;

    private AugmentationPipeline(List<Augmenter> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Creates each configured step through its provider; every step validates its own options.
     *
     * @param path the list's configuration path, e.g. {@code augment.train}
     */
    public static AugmentationPipeline create(
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

    /**
     * Creates the evaluation list {@code augment.eval}, as {@link #create} does.
     *
     * @throws ConfigurationException when a step mixes images and labels, which only training can
     */
    public static AugmentationPipeline createEval(
            PluginCatalog catalog, List<PluginConfig> configs) {
        AugmentationPipeline pipeline = create(catalog, "augment.eval", configs);
        for (int i = 0; i < configs.size(); i++) {
            if (pipeline.steps.get(i) instanceof MixingAugmenter) {
                throw trainingOnly("augment.eval[" + i + "]", configs.get(i).type());
            }
        }
        return pipeline;
    }

    /** The error for a step that mixes labels, at {@code path} of an evaluation list. */
    public static ConfigurationException trainingOnly(String path, String type) {
        return new ConfigurationException(
                path + ".type",
                type
                        + " mixes the images and labels of a batch, which only training can use;"
                        + " remove it from augment.eval (evaluation must be deterministic)");
    }

    /** Returns whether a step mixes images and labels, so that training needs soft targets. */
    public boolean mixesLabels() {
        return steps.stream().anyMatch(MixingAugmenter.class::isInstance);
    }

    /** Returns the (C, H, W) the pipeline makes of images of shape {@code chw}. */
    public int[] outputShape(int[] chw) {
        int[] shape = chw.clone();
        for (Augmenter step : steps) {
            shape = step.outputShape(shape);
        }
        return shape;
    }

    /**
     * Applies every step to the images alone (mixing steps mix the images only); intermediate
     * arrays stay attached to {@code batch}'s manager.
     */
    public NDArray apply(NDArray batch, RandomGenerator random) {
        NDArray result = batch;
        for (Augmenter step : steps) {
            result = step.apply(result, random);
        }
        return result;
    }

    /**
     * Applies every step, mixing {@code targets} (float32 (N, K), rows summing to 1) along with the
     * images where a step mixes; the same draws as {@link #apply} for the same {@code random}.
     */
    public MixedBatch apply(NDArray batch, NDArray targets, RandomGenerator random) {
        MixedBatch result = new MixedBatch(batch, targets);
        for (Augmenter step : steps) {
            result =
                    step instanceof MixingAugmenter mixing
                            ? mixing.mix(result.images(), result.targets(), random)
                            : new MixedBatch(step.apply(result.images(), random), result.targets());
        }
        return result;
    }
}
