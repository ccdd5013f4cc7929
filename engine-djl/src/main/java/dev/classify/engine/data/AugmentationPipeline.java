package dev.classify.engine.data;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ImageSet;
import dev.classify.api.MixedBatch;
import dev.classify.api.MixingAugmenter;
import dev.classify.api.Options;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginKind;
import dev.classify.engine.plugin.PluginOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The augmenters of one configuration list, applied in order to NCHW float32 batches. A training
 * list may hold steps that mix images and labels ({@link MixingAugmenter}: {@code mixup}, {@code
 * cutmix}); an evaluation list may not.
 *
 * <p>Every batch a step returns is checked against the step's own {@link Augmenter#outputShape}
 * (and its N against the input's): the network is built for the shape the pipeline promises, and a
 * plugin whose {@code apply} makes another would otherwise end in an engine shape error far from
 * its cause. The check reads shapes only.
 */
public final class AugmentationPipeline {
    private final List<Step> steps;

    /**
     * One configured step.
     *
     * @param augmenter the plugin's augmenter
     * @param path its configuration path, e.g. {@code augment.train[1]}
     * @param plugin its plugin in one phrase, for messages (see {@link PluginOrigin#describe()})
     */
    private record Step(Augmenter augmenter, String path, String plugin) {}

    private AugmentationPipeline(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Creates each configured step through its provider; every step validates its own options.
     *
     * @param path the list's configuration path, e.g. {@code augment.train}
     */
    public static AugmentationPipeline create(
            PluginCatalog catalog, String path, List<PluginConfig> configs) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            String stepPath = path + "[" + i + "]";
            PluginConfig config = configs.get(i);
            Options options = new Options(stepPath, config.options());
            Augmenter augmenter =
                    catalog.augmenter(stepPath + ".type", config.type()).create(options);
            String plugin =
                    catalog.origin(PluginKind.AUGMENTER, config.type())
                            .map(PluginOrigin::describe)
                            .orElse("augmenter '" + config.type() + "'");
            steps.add(new Step(augmenter, stepPath, plugin));
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
            if (pipeline.steps.get(i).augmenter() instanceof MixingAugmenter) {
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
        return steps.stream().map(Step::augmenter).anyMatch(MixingAugmenter.class::isInstance);
    }

    /** Returns the (C, H, W) the pipeline makes of images of shape {@code chw}. */
    public int[] outputShape(int[] chw) {
        int[] shape = chw.clone();
        for (Step step : steps) {
            shape = step.augmenter().outputShape(shape);
        }
        return shape;
    }

    /**
     * Applies every step to the images alone (mixing steps mix the images only); intermediate
     * arrays stay attached to {@code batch}'s manager.
     *
     * @throws ConfigurationException naming the step and its plugin when a step returns another
     *     shape than its {@code outputShape} says
     */
    public NDArray apply(NDArray batch, RandomGenerator random) {
        NDArray result = batch;
        for (Step step : steps) {
            result = checked(step, result, step.augmenter().apply(result, random));
        }
        return result;
    }

    /**
     * Applies every step, mixing {@code targets} (float32 (N, K), rows summing to 1) along with the
     * images where a step mixes; the same draws as {@link #apply} for the same {@code random}.
     *
     * @throws ConfigurationException as {@link #apply(NDArray, RandomGenerator)} does
     */
    public MixedBatch apply(NDArray batch, NDArray targets, RandomGenerator random) {
        MixedBatch result = new MixedBatch(batch, targets);
        for (Step step : steps) {
            NDArray images = result.images();
            result =
                    step.augmenter() instanceof MixingAugmenter mixing
                            ? mixing.mix(images, result.targets(), random)
                            : new MixedBatch(
                                    step.augmenter().apply(images, random), result.targets());
            checked(step, images, result.images());
        }
        return result;
    }

    /**
     * Runs the first two images of {@code indices} through the pipeline once, on the CPU in a
     * manager of its own that is closed afterwards, so that a step whose output disagrees with its
     * {@code outputShape} fails before training instead of in its first batch. Draws from a
     * generator of its own.
     *
     * @param indices indices into {@code images}, at least one
     * @param engine the engine to run on, e.g. {@code MXNet}
     * @throws ConfigurationException as {@link #apply(NDArray, RandomGenerator)} does
     */
    public void tryOn(ImageSet images, int[] indices, String engine) {
        if (indices.length == 0) {
            return;
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine)) {
            int count = Math.min(2, indices.length);
            apply(
                    new BatchAssembler(images).images(manager, indices, 0, count),
                    new SplittableRandom(0));
        }
    }

    /**
     * Returns {@code output}, what {@code step} made of {@code input}, after checking that it is
     * (N, C', H', W') with the input's N and the step's {@code outputShape} of the input's (C, H,
     * W).
     */
    private static NDArray checked(Step step, NDArray input, NDArray output) {
        Shape in = input.getShape();
        Shape out = output.getShape();
        int[] chw = {(int) in.get(1), (int) in.get(2), (int) in.get(3)};
        int[] promised = step.augmenter().outputShape(chw);
        Shape expected = new Shape(in.get(0), promised[0], promised[1], promised[2]);
        if (out.equals(expected)) {
            return output;
        }
        throw new ConfigurationException(
                step.path(),
                step.plugin()
                        + " returned "
                        + out
                        + " for a batch of "
                        + in
                        + ", but its outputShape says "
                        + shape(promised)
                        + " images, so the batch should be "
                        + expected
                        + (out.dimension() == 4 && out.get(0) != in.get(0)
                                ? "; an augmenter must keep the number of images"
                                : "; make outputShape return what apply makes"));
    }

    private static String shape(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }
}
