package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import java.util.random.RandomGenerator;

/**
 * Repeats the single channel of an (N, 1, H, W) batch into (N, 3, H, W) with three identical
 * channels; an (N, 3, H, W) batch is returned as it is. Values and range are unchanged; any other
 * channel count is rejected.
 */
final class ToRgb implements Augmenter {
    private final String path;

    ToRgb(String path) {
        this.path = path;
    }

    @Override
    public int[] outputShape(int[] chw) {
        if (chw[0] != 1 && chw[0] != 3) {
            throw new ConfigurationException(
                    path, "to-rgb needs 1- or 3-channel images, got " + chw[0] + " channels");
        }
        return new int[] {3, chw[1], chw[2]};
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        int channels = Math.toIntExact(batch.getShape().get(1));
        outputShape(new int[] {channels, 1, 1});
        return channels == 3 ? batch : batch.repeat(1, 3);
    }
}
