package dev.classify.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.HostAugmenter;
import dev.classify.api.MixingAugmenter;
import dev.classify.engine.plugin.PluginOrigin;
import java.util.random.RandomGenerator;

/**
 * One configured step of an {@link AugmentationPipeline}, which checks what its augmenter returns
 * against the augmenter's own {@link Augmenter#outputShape} (and N against the input's). Reads
 * shapes only.
 *
 * @param augmenter the plugin's augmenter
 * @param path its configuration path, e.g. {@code augment.train[1]}
 * @param plugin its plugin in one phrase, for messages (see {@link PluginOrigin#describe()})
 */
record AugmentationStep(Augmenter augmenter, String path, String plugin) {

    /** Whether the step runs on a Java array: a {@link HostAugmenter} that mixes no labels. */
    boolean runsOnHost() {
        return augmenter instanceof HostAugmenter && !(augmenter instanceof MixingAugmenter);
    }

    /** The augmenter's {@code apply}, its output checked. */
    NDArray apply(NDArray batch, RandomGenerator random) {
        return checked(batch, augmenter.apply(batch, random));
    }

    /**
     * The augmenter's {@code applyOnHost} (only for a step that {@link #runsOnHost}) on {@code
     * pixels} of {@code shape}, its output's length checked; returns the output's shape and values.
     */
    HostBatch applyOnHost(float[] pixels, Shape shape, RandomGenerator random) {
        int[] promised = augmenter.outputShape(chw(shape));
        Shape expected = new Shape(shape.get(0), promised[0], promised[1], promised[2]);
        float[] result = ((HostAugmenter) augmenter).applyOnHost(pixels, shape, random);
        if (result != null && result.length == expected.size()) {
            return new HostBatch(result, expected);
        }
        throw new ConfigurationException(
                path,
                plugin
                        + " returned "
                        + (result == null ? "null" : result.length + " values")
                        + " from applyOnHost for a batch of "
                        + shape
                        + ", but its outputShape says "
                        + text(promised)
                        + " images, so "
                        + expected.size()
                        + " values; make applyOnHost return what apply makes");
    }

    /** Pixels of a batch in a Java array, row-major, and their (N, C, H, W). */
    record HostBatch(float[] pixels, Shape shape) {}

    /**
     * Returns {@code output}, what the step made of {@code input}, after checking that it is (N,
     * C', H', W') with the input's N and the augmenter's {@code outputShape} of the input's (C, H,
     * W).
     */
    NDArray checked(NDArray input, NDArray output) {
        Shape in = input.getShape();
        Shape out = output.getShape();
        int[] promised = augmenter.outputShape(chw(in));
        Shape expected = new Shape(in.get(0), promised[0], promised[1], promised[2]);
        if (out.equals(expected)) {
            return output;
        }
        throw new ConfigurationException(
                path,
                plugin
                        + " returned "
                        + out
                        + " for a batch of "
                        + in
                        + ", but its outputShape says "
                        + text(promised)
                        + " images, so the batch should be "
                        + expected
                        + (out.dimension() == 4 && out.get(0) != in.get(0)
                                ? "; an augmenter must keep the number of images"
                                : "; make outputShape return what apply makes"));
    }

    private static int[] chw(Shape nchw) {
        return new int[] {(int) nchw.get(1), (int) nchw.get(2), (int) nchw.get(3)};
    }

    private static String text(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }
}
