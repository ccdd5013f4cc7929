package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Measures images per second of the reference 28x28 training pipeline, random-crop (size 28,
 * padding 4) + random-flip (horizontal) + normalize (mean 0.286, std 0.353), on whole batches of
 * 256 single-channel images. Not a test; run it with {@code OMP_NUM_THREADS=2 DJL_OFFLINE=true
 * OPT_OUT_TRACKING=true} and the test class path. Each timed batch ends by copying the result to
 * the Java heap, which waits for the engine's asynchronous work.
 */
public final class AugmentBenchmark {
    private static final int BATCH = 256;
    private static final int WARM_UP = 20;
    private static final int TIMED = 50;
    private static final int ROUNDS = 3;

    private AugmentBenchmark() {}

    /** Prints the throughput of {@value #ROUNDS} rounds of {@value #TIMED} batches each. */
    public static void main(String[] args) {
        List<Augmenter> pipeline =
                List.of(
                        new RandomCropProvider()
                                .create(
                                        new Options(
                                                "augment.train[0]",
                                                Map.of("size", 28, "padding", 4))),
                        new RandomFlipProvider()
                                .create(
                                        new Options(
                                                "augment.train[1]", Map.of("horizontal", true))),
                        new NormalizeProvider()
                                .create(
                                        new Options(
                                                "augment.train[2]",
                                                Map.of("mean", 0.286, "std", 0.353))));
        RandomGenerator random = new SplittableRandom(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            System.out.println("engine: " + manager.getEngine().getEngineName());
            // the real sneaker, each copy with its own brightness, so that images differ
            NDArray images =
                    TestImages.sneakers(manager, BATCH)
                            .mul(manager.randomUniform(0.6f, 1f, new Shape(BATCH, 1, 1, 1)));
            for (int i = 0; i < WARM_UP; i++) {
                run(pipeline, images, random);
            }
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < TIMED; i++) {
                    run(pipeline, images, random);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "round %d: %,.0f images/s (%.2f ms per batch of %d)%n",
                        round + 1, TIMED * BATCH / seconds, seconds * 1000 / TIMED, BATCH);
            }
        }
    }

    private static void run(List<Augmenter> pipeline, NDArray images, RandomGenerator random) {
        try (NDManager batchManager = images.getManager().newSubManager()) {
            NDArray batch = images.duplicate();
            batch.attach(batchManager);
            for (Augmenter augmenter : pipeline) {
                batch = augmenter.apply(batch, random);
            }
            batch.toFloatArray();
        }
    }
}
