package dev.classify.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import dev.classify.api.ImageSet;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.data.ImageSubset;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.train.EpochRunner;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/** The three speed measurements of {@link Benchmark}, each in images per second. */
final class Measurements {
    private Measurements() {}

    /** Steps on one augmented batch held as a tensor: the network alone. */
    static double compute(
            Trainer trainer,
            EpochRunner runner,
            int[] order,
            int batchSize,
            int steps,
            int warmup) {
        try (NDManager batchManager = trainer.getManager().newSubManager()) {
            BatchAssembler assembler = new BatchAssembler(runner.images());
            NDArray images = assembler.images(batchManager, order, 0, batchSize);
            NDArray labels = assembler.labels(batchManager, order, 0, batchSize);
            NDArray input = runner.augment(images, new SplittableRandom(7));
            return imagesPerSecond(
                    steps,
                    warmup,
                    batchSize,
                    i -> {
                        // Each step's intermediate arrays go with its own manager; the batch
                        // stays.
                        try (NDManager step = trainer.getManager().newSubManager()) {
                            NDArray stepInput = input.duplicate();
                            stepInput.attach(step);
                            NDArray stepLabels = labels.duplicate();
                            stepLabels.attach(step);
                            runner.step(stepInput, stepLabels);
                        }
                    });
        }
    }

    /**
     * Steps as an epoch takes them: assembly and augmentation of shuffled images, prepared ahead as
     * {@code train.prefetch} says, then the step.
     */
    static double pipeline(EpochRunner runner, int[] order, int batchSize, int steps, int warmup) {
        int perPass = order.length / batchSize;
        int[] starts = new int[warmup + steps];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = (i % perPass) * batchSize;
        }
        long[] start = {System.nanoTime()};
        runner.trainBatches(
                order,
                starts,
                new SplittableRandom(11),
                i -> {
                    if (i + 1 == warmup) {
                        start[0] = System.nanoTime();
                    }
                });
        return (double) steps * batchSize * 1e9 / (System.nanoTime() - start[0]);
    }

    /**
     * Prediction of {@link Benchmark#INFERENCE_BATCH} images at a time through the saved model, as
     * classify predict does (in forward passes of fewer images when that would exceed its memory
     * budget).
     */
    static double inference(SavedModel saved, ImageSet images, Path source, int steps, int warmup) {
        int count = Math.min(Benchmark.INFERENCE_BATCH, images.size());
        int[] first = new int[count];
        for (int i = 0; i < count; i++) {
            first[i] = i;
        }
        ImageSet batch = new ImageSubset(images, first);
        return imagesPerSecond(
                steps,
                warmup,
                count,
                i -> saved.probabilities(batch, source, Benchmark.INFERENCE_BATCH, false));
    }

    /**
     * Runs {@code step} {@code warmup + steps} times with its index and returns the images per
     * second of the last {@code steps} runs.
     */
    private static double imagesPerSecond(
            int steps, int warmup, int imagesPerStep, IntConsumer step) {
        long start = 0;
        for (int i = 0; i < warmup + steps; i++) {
            if (i == warmup) {
                start = System.nanoTime();
            }
            step.accept(i);
        }
        return (double) steps * imagesPerStep * 1e9 / (System.nanoTime() - start);
    }
}
