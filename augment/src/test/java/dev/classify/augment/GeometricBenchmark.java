package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.Options;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Measures images per second of the sampling augmenters (random-resized-crop, random-rotation) on
 * batches of 128: 1x28x28 to 28x28 and 3x256x256 to 224x224. Not a test; run it with {@code
 * OMP_NUM_THREADS=2 DJL_OFFLINE=true OPT_OUT_TRACKING=true} and the test class path. Each timed
 * batch ends by copying the result to the Java heap, which waits for the engine's asynchronous
 * work.
 */
public final class GeometricBenchmark {
    private static final int BATCH = 128;
    private static final int WARM_UP = 3;
    private static final int TIMED = 10;

    private GeometricBenchmark() {}

    /** Prints the throughput of each augmenter and input size. */
    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager()) {
            System.out.println("engine: " + manager.getEngine().getEngineName());
            NDArray small = manager.randomUniform(0f, 1f, new Shape(BATCH, 1, 28, 28));
            NDArray large = manager.randomUniform(0f, 1f, new Shape(BATCH, 3, 256, 256));
            measure(
                    "random-resized-crop 1x28x28 -> 28",
                    new RandomResizedCropProvider(),
                    28,
                    small);
            measure(
                    "random-resized-crop 3x256x256 -> 224",
                    new RandomResizedCropProvider(),
                    224,
                    large);
            for (String name : args) {
                AugmenterProvider provider =
                        java.util.ServiceLoader.load(AugmenterProvider.class).stream()
                                .map(java.util.ServiceLoader.Provider::get)
                                .filter(p -> p.name().equals(name))
                                .findFirst()
                                .orElseThrow();
                measure(name + " 1x28x28", provider, 0, small);
                measure(name + " 3x256x256", provider, 0, large);
            }
        }
    }

    private static void measure(
            String label, AugmenterProvider provider, int size, NDArray images) {
        Map<String, Object> options =
                switch (provider.name()) {
                    case "random-resized-crop" -> Map.of("size", size);
                    case "random-rotation" -> Map.of("degrees", 30);
                    case "random-affine" ->
                            Map.of("degrees", 30, "translate", java.util.List.of(0.1, 0.1));
                    case "color-jitter" ->
                            images.getShape().get(1) == 3
                                    ? Map.of(
                                            "brightness",
                                            0.4,
                                            "contrast",
                                            0.4,
                                            "saturation",
                                            0.4,
                                            "hue",
                                            0.1)
                                    : Map.of("brightness", 0.4, "contrast", 0.4);
                    default -> Map.of();
                };
        Augmenter augmenter = provider.create(new Options("bench", options));
        RandomGenerator random = new SplittableRandom(42);
        for (int i = 0; i < WARM_UP; i++) {
            run(augmenter, images, random);
        }
        long start = System.nanoTime();
        for (int i = 0; i < TIMED; i++) {
            run(augmenter, images, random);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%s: %,.0f images/s (%.1f ms per batch of %d)%n",
                label, TIMED * BATCH / seconds, seconds * 1000 / TIMED, BATCH);
    }

    private static void run(Augmenter augmenter, NDArray images, RandomGenerator random) {
        try (NDManager batchManager = images.getManager().newSubManager()) {
            NDArray batch = images.duplicate();
            batch.attach(batchManager);
            augmenter.apply(batch, random).toFloatArray();
        }
    }
}
