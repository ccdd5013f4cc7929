package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to train.
 *
 * @param epochs passes over the training images, at least 1 (default 10)
 * @param batchSize images per optimizer step, at least 1 (default 64)
 * @param optimizer the optimizer and its learning rate (default SGD, 0.01, momentum 0.9); its
 *     learning rate is the initial rate of the scheduler
 * @param scheduler how the learning rate changes from epoch to epoch (default constant)
 * @param labelSmoothing the label smoothing eps of the training loss, in [0, 1) (default 0): the
 *     softmax cross-entropy is taken against the target (1 - eps) * one-hot + eps / K for K classes
 *     (Szegedy et al. 2015; PyTorch's {@code CrossEntropyLoss(label_smoothing=eps)}); 0 is plain
 *     cross-entropy. The validation loss (val_loss) is always plain cross-entropy
 * @param device {@code auto} (a GPU when the engine has CUDA, else the CPU), {@code cpu}, {@code
 *     gpu}, {@code gpu:N} or {@code gpus} (data-parallel over every GPU, each batch split across
 *     them)
 * @param seed seeds weight initialisation, batch order and augmentation (default 42)
 * @param earlyStopping when to stop before {@code epochs}, or {@code null} (the default) to train
 *     every epoch
 * @param ema an exponential moving average of the weights for validation, the kept model and
 *     prediction, or {@code null} (the default) for the trained weights themselves
 * @param freeze names of the network's top-level layers (as {@code classify summary} names them,
 *     e.g. {@code [stem, stage1]}) whose parameters and batch-norm statistics stay fixed: the
 *     optimizer never sees them and their batch norm runs in inference mode; they must be the first
 *     layers of the network. Empty by default
 * @param accumulate batches whose gradients make one optimizer step, at least 1 (default 1): the
 *     step's gradient is the mean loss's over all their images (each batch's mean-loss gradient
 *     weighted by its share of the images, PyTorch's {@code loss / K} for equal batches), so the
 *     effective batch is {@code accumulate x batchSize}; an epoch whose batch count is not a
 *     multiple steps on the remainder at its end. Optimizer state (Adam's step count) counts
 *     optimizer steps; the learning-rate schedule counts epochs
 * @param clipGradientNorm the largest L2 norm of all trainable parameters' gradients together, or
 *     {@code null} (the default) for no clipping: above it every gradient is scaled by {@code
 *     clipGradientNorm / (norm + 1e-6)} before the update, as PyTorch's {@code clip_grad_norm_}
 *     (after {@code accumulate}, before the optimizer's per-element {@code clipGradient})
 * @param prefetch training batches assembled and augmented ahead of the training step on a thread
 *     of their own, at least 0 (0: on the training thread); the same batches either way
 */
public record TrainConfig(
        Integer epochs,
        Integer batchSize,
        OptimizerConfig optimizer,
        SchedulerConfig scheduler,
        String device,
        Long seed,
        Double labelSmoothing,
        EarlyStoppingConfig earlyStopping,
        EmaConfig ema,
        List<String> freeze,
        Integer accumulate,
        Double clipGradientNorm,
        Integer prefetch) {

    /** Batches prefetched when the configuration does not say. */
    public static final int DEFAULT_PREFETCH = 2;

    private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu|gpus|gpu:[0-9]+");

    /** Fills defaults. */
    public TrainConfig {
        epochs = epochs == null ? 10 : epochs;
        batchSize = batchSize == null ? 64 : batchSize;
        optimizer = optimizer == null ? OptimizerConfig.defaults() : optimizer;
        scheduler = scheduler == null ? SchedulerConfig.defaults() : scheduler;
        device = device == null ? "auto" : device;
        seed = seed == null ? 42L : seed;
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        // Not List.copyOf: a null name ([null]) is reported by validate with its index.
        freeze =
                freeze == null
                        ? List.of()
                        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(freeze));
        accumulate = accumulate == null ? 1 : accumulate;
        prefetch = prefetch == null ? DEFAULT_PREFETCH : prefetch;
    }

    /**
     * As the canonical constructor, without a weight average, frozen layers, accumulation or
     * clipping by norm, with the default prefetch.
     */
    public TrainConfig(
            Integer epochs,
            Integer batchSize,
            OptimizerConfig optimizer,
            SchedulerConfig scheduler,
            String device,
            Long seed,
            Double labelSmoothing,
            EarlyStoppingConfig earlyStopping) {
        this(
                epochs,
                batchSize,
                optimizer,
                scheduler,
                device,
                seed,
                labelSmoothing,
                earlyStopping,
                null,
                null,
                null,
                null,
                null);
    }

    /** Returns the configuration with every default. */
    public static TrainConfig defaults() {
        return new TrainConfig(
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(epochs >= 1, path + ".epochs", "must be at least 1, got " + epochs);
        problems.check(batchSize >= 1, path + ".batchSize", "must be at least 1, got " + batchSize);
        problems.check(
                DEVICE.matcher(device).matches(),
                path + ".device",
                "must be auto, cpu, gpu, gpu:N or gpus, got '" + device + "'");
        problems.check(
                labelSmoothing >= 0 && labelSmoothing < 1,
                path + ".labelSmoothing",
                "must be in [0, 1), got " + labelSmoothing);
        problems.check(
                accumulate >= 1,
                path + ".accumulate",
                "must be at least 1 (batches per optimizer step; 1 steps after every batch), got "
                        + accumulate);
        problems.check(
                clipGradientNorm == null
                        || clipGradientNorm > 0 && Double.isFinite(clipGradientNorm),
                path + ".clipGradientNorm",
                "must be a positive number (the largest gradient norm), or left out for no"
                        + " clipping, got "
                        + clipGradientNorm);
        problems.check(
                prefetch >= 0,
                path + ".prefetch",
                "must be at least 0 (batches prepared ahead; 0 prepares each on the training"
                        + " thread), got "
                        + prefetch);
        optimizer.validate(path + ".optimizer", problems);
        scheduler.validate(path + ".scheduler", problems);
        if (earlyStopping != null) {
            earlyStopping.validate(path + ".earlyStopping", problems);
        }
        if (ema != null) {
            ema.validate(path + ".ema", problems);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < freeze.size(); i++) {
            String name = freeze.get(i);
            if (name == null || name.isBlank()) {
                problems.add(
                        path + ".freeze[" + i + "]",
                        "must be a layer name such as stem, got '" + name + "'");
            } else if (!seen.add(name)) {
                problems.add(path + ".freeze[" + i + "]", "names " + name + " twice; list it once");
            }
        }
        if (scheduler.type().equals("cosine")) {
            // The cosine part needs at least one epoch after the warm-up.
            Integer warmup = scheduler.warmupEpochs();
            problems.check(
                    warmup == null || warmup < epochs,
                    path + ".scheduler.warmupEpochs",
                    "must be below train.epochs (" + epochs + "), got " + warmup);
            Double minLr = scheduler.minLr();
            Double initial = optimizer.learningRate();
            problems.check(
                    minLr == null || initial == null || minLr < initial,
                    path + ".scheduler.minLr",
                    "must be below train.optimizer.learningRate (" + initial + "), got " + minLr);
        }
    }
}
