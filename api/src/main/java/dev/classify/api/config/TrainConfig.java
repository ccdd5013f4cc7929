package dev.classify.api.config;

import dev.classify.api.Problems;
import java.util.regex.Pattern;

/**
 * How to train.
 *
 * @param epochs passes over the training images, at least 1 (default 10)
 * @param batchSize images per optimizer step, at least 1 (default 64)
 * @param optimizer the optimizer and its learning rate (default SGD, 0.01, momentum 0.9)
 * @param scheduler how the learning rate changes from epoch to epoch (default constant)
 * @param device {@code auto} (a GPU when the engine has CUDA, else the CPU), {@code cpu}, {@code
 *     gpu} or {@code gpu:N}
 * @param seed seeds weight initialisation, batch order and augmentation (default 42)
 */
public record TrainConfig(
        Integer epochs,
        Integer batchSize,
        OptimizerConfig optimizer,
        SchedulerConfig scheduler,
        String device,
        Long seed) {

    private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu|gpu:[0-9]+");

    /** Fills defaults. */
    public TrainConfig {
        epochs = epochs == null ? 10 : epochs;
        batchSize = batchSize == null ? 64 : batchSize;
        optimizer = optimizer == null ? new OptimizerConfig(null, null, null, null) : optimizer;
        scheduler =
                scheduler == null
                        ? new SchedulerConfig(null, null, null, null, null, null, null, null, null)
                        : scheduler;
        device = device == null ? "auto" : device;
        seed = seed == null ? 42L : seed;
    }

    /** Returns the configuration with every default. */
    public static TrainConfig defaults() {
        return new TrainConfig(null, null, null, null, null, null);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(epochs >= 1, path + ".epochs", "must be at least 1, got " + epochs);
        problems.check(batchSize >= 1, path + ".batchSize", "must be at least 1, got " + batchSize);
        problems.check(
                DEVICE.matcher(device).matches(),
                path + ".device",
                "must be auto, cpu, gpu or gpu:N, got '" + device + "'");
        optimizer.validate(path + ".optimizer", problems);
        scheduler.validate(path + ".scheduler", problems);
    }
}
