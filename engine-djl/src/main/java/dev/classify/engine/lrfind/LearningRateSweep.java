package dev.classify.engine.lrfind;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.train.DjlTrainingConfig;
import dev.classify.engine.train.EpochRunner;
import dev.classify.engine.train.FreshModel;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.RunListener;
import dev.classify.engine.train.schedule.EpochLearningRate;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The learning-rate range test of Smith 2015 ("Cyclical Learning Rates for Training Neural
 * Networks"), as fastai's {@code lr_find} runs it: the configuration's network as a fresh run
 * starts it ({@link FreshModel}: {@code model.pretrained} loaded, {@code train.freeze} applied)
 * trains on successive training batches (the data path, augmentation, optimizer and loss of a run,
 * through {@link EpochRunner}) while the learning rate grows exponentially from the start to the
 * end rate, one optimizer step per batch, wrapping over the training images when they hold fewer
 * batches. It stops early when the smoothed loss exceeds 4x its best ({@link LossSmoothing}).
 * Seeded by {@code train.seed}: the same configuration gives the same points. Nothing is written
 * and the network is discarded. Not thread safe.
 */
public final class LearningRateSweep {
    private final PluginCatalog catalog;

    /** Creates a sweep that builds networks with {@code catalog}'s model plugins. */
    @Inject
    public LearningRateSweep(PluginCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Sweeps {@code prepared}'s configuration over {@code options}' rates.
     *
     * @throws ConfigurationException when there are no training images outside the hold-out
     */
    public LrFindResult run(PreparedRun prepared, LrFindOptions options) {
        requireNonNull(prepared, "prepared is null");
        requireNonNull(options, "options is null");
        PipelineConfig config = prepared.config();
        long seed = config.train().seed();
        int[] images = prepared.split().train();
        if (images.length < prepared.devices().size()) {
            throw new ConfigurationException(
                    "data.train",
                    "has " + images.length + " training images outside the hold-out; give more");
        }
        Engine engine = EngineChoice.load(prepared.engine());
        // As a run seeds it (RunOpening), so the sweep starts from the weights training would.
        engine.setRandomSeed(Math.toIntExact(Math.floorMod(seed, Integer.MAX_VALUE)));
        EpochLearningRate rate = new EpochLearningRate(options.rate(0));
        ModelSpec spec = prepared.spec();
        try (Model model = FreshModel.create(prepared, catalog, new RunListener() {})) {
            DefaultTrainingConfig trainingConfig =
                    DjlTrainingConfig.create(
                            config.train(),
                            rate,
                            prepared.devices(),
                            prepared.engine(),
                            prepared.trainAugment().mixesLabels());
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(
                        new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth()));
                EpochRunner runner =
                        EpochRunner.forTrainer(trainer, trainingConfig.getOptimizer(), prepared);
                SplittableRandom random = new SplittableRandom(seed);
                int[] order = EpochRunner.shuffled(images, random.split());
                int batchSize = config.train().batchSize();
                int[] starts = starts(order.length, batchSize, options.steps());
                return sweep(runner, order, starts, random.split(), rate, options);
            }
        }
    }

    private static LrFindResult sweep(
            EpochRunner runner,
            int[] order,
            int[] starts,
            SplittableRandom augmentation,
            EpochLearningRate rate,
            LrFindOptions options) {
        List<LrFindPoint> points = new ArrayList<>();
        LossSmoothing smoothing = new LossSmoothing();
        boolean[] diverged = {false};
        runner.trainBatches(
                order,
                starts,
                augmentation,
                (i, step) -> {
                    double smoothed = smoothing.add(step.loss());
                    points.add(new LrFindPoint(options.rate(i), step.loss(), smoothed));
                    if (smoothing.diverged(smoothed)) {
                        diverged[0] = true;
                        return false;
                    }
                    if (i + 1 < options.steps()) {
                        rate.set(options.rate(i + 1));
                    }
                    return true;
                });
        if (points.size() < 2) {
            throw new ConfigurationException(
                    "--start",
                    "the loss ran away at the first batch (rate "
                            + options.rate(0)
                            + "); give a smaller start rate");
        }
        return new LrFindResult(
                options, points, diverged[0], LrSuggestion.of(points, options.steps()));
    }

    /**
     * The first images of {@code steps} batches of {@code size} over {@code images} images, the
     * whole batches of the order in turn, wrapping around (one batch of them all when there are
     * fewer than {@code size}).
     */
    static int[] starts(int images, int size, int steps) {
        int perPass = Math.max(1, images / size);
        int[] starts = new int[steps];
        for (int i = 0; i < steps; i++) {
            starts[i] = (i % perPass) * size;
        }
        return starts;
    }
}
