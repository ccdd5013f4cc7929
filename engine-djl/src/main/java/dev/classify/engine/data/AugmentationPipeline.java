package dev.classify.engine.data;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.HostAugmenter;
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
 *
 * <p>Training batches come as assembled Java arrays ({@link #apply(NDManager, float[], Shape,
 * RandomGenerator)}): the leading steps that are {@link HostAugmenter}s run on them, bit for bit as
 * on an NDArray, before the batch becomes one array of the engine; the rest as always.
 */
public final class AugmentationPipeline {
    private final List<AugmentationStep> steps;
    private final int hostSteps;

    private AugmentationPipeline(List<AugmentationStep> steps) {
        this.steps = List.copyOf(steps);
        int host = 0;
        while (host < steps.size() && steps.get(host).runsOnHost()) {
            host++;
        }
        this.hostSteps = host;
    }

    /**
     * Creates each configured step through its provider; every step validates its own options.
     *
     * @param path the list's configuration path, e.g. {@code augment.train}
     */
    public static AugmentationPipeline create(
            PluginCatalog catalog, String path, List<PluginConfig> configs) {
        List<AugmentationStep> steps = new ArrayList<>();
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
            steps.add(new AugmentationStep(augmenter, stepPath, plugin));
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
        return steps.stream()
                .map(AugmentationStep::augmenter)
                .anyMatch(MixingAugmenter.class::isInstance);
    }

    /** Returns the (C, H, W) the pipeline makes of images of shape {@code chw}. */
    public int[] outputShape(int[] chw) {
        int[] shape = chw.clone();
        for (AugmentationStep step : steps) {
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
        return applyFrom(0, batch, random);
    }

    /**
     * Applies every step, mixing {@code targets} (float32 (N, K), rows summing to 1) along with the
     * images where a step mixes; the same draws as {@link #apply} for the same {@code random}.
     *
     * @throws ConfigurationException as {@link #apply(NDArray, RandomGenerator)} does
     */
    public MixedBatch apply(NDArray batch, NDArray targets, RandomGenerator random) {
        return applyFrom(0, batch, targets, random);
    }

    /**
     * Applies every step to the images {@code pixels} (as {@link BatchAssembler#pixels} gives
     * them), as {@code apply(manager.create(pixels, shape), random)} does, bit for bit and with the
     * same draws; the leading steps that can ({@link HostAugmenter}) run on the Java array first,
     * so that the engine gets one array creation for them.
     *
     * @param manager owns the batch's arrays
     * @param pixels (N, C, H, W) values, row-major; owned by this call, which may overwrite them
     * @param shape (N, C, H, W) of {@code pixels}
     * @throws ConfigurationException as {@link #apply(NDArray, RandomGenerator)} does
     */
    public NDArray apply(NDManager manager, float[] pixels, Shape shape, RandomGenerator random) {
        return applyFrom(hostSteps, onHost(manager, pixels, shape, random), random);
    }

    /**
     * As {@link #apply(NDManager, float[], Shape, RandomGenerator)}, mixing {@code targets} as
     * {@link #apply(NDArray, NDArray, RandomGenerator)} does.
     */
    public MixedBatch apply(
            NDManager manager,
            float[] pixels,
            Shape shape,
            NDArray targets,
            RandomGenerator random) {
        return applyFrom(hostSteps, onHost(manager, pixels, shape, random), targets, random);
    }

    private NDArray applyFrom(int first, NDArray batch, RandomGenerator random) {
        NDArray result = batch;
        for (AugmentationStep step : steps.subList(first, steps.size())) {
            result = step.apply(result, random);
        }
        return result;
    }

    private MixedBatch applyFrom(
            int first, NDArray batch, NDArray targets, RandomGenerator random) {
        MixedBatch result = new MixedBatch(batch, targets);
        for (AugmentationStep step : steps.subList(first, steps.size())) {
            NDArray images = result.images();
            result =
                    step.augmenter() instanceof MixingAugmenter mixing
                            ? mixing.mix(images, result.targets(), random)
                            : new MixedBatch(
                                    step.augmenter().apply(images, random), result.targets());
            step.checked(images, result.images());
        }
        return result;
    }

    /**
     * {@code pixels} of (N, C, H, W) {@code shape} through the first {@code hostSteps} steps, as
     * one new array owned by {@code manager}.
     */
    private NDArray onHost(NDManager manager, float[] pixels, Shape shape, RandomGenerator random) {
        AugmentationStep.HostBatch batch = new AugmentationStep.HostBatch(pixels, shape);
        for (AugmentationStep step : steps.subList(0, hostSteps)) {
            batch = step.applyOnHost(batch.pixels(), batch.shape(), random);
        }
        return manager.create(batch.pixels(), batch.shape());
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
            BatchAssembler assembler = new BatchAssembler(images);
            apply(assembler.images(manager, indices, 0, count), new SplittableRandom(0));
            // training runs the leading steps that can on the Java heap: try that path too
            apply(
                    manager,
                    assembler.pixels(indices, 0, count),
                    assembler.shape(count),
                    new SplittableRandom(0));
        }
    }
}
