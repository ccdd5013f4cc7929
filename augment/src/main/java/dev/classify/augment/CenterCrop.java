package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import java.util.random.RandomGenerator;

/**
 * Crops the central (height, width) region of every image of an NCHW batch: (N, C, H, W) becomes
 * (N, C, height, width) with the same pixel values. When a margin is odd the extra row (column) is
 * cut from the bottom (right), i.e. the top offset is {@code (H - height) / 2} rounded down.
 */
final class CenterCrop implements Augmenter {
    private final String path;
    private final ImageSize size;

    CenterCrop(String path, ImageSize size) {
        this.path = path;
        this.size = size;
    }

    @Override
    public int[] outputShape(int[] chw) {
        if (size.height() > chw[1] || size.width() > chw[2]) {
            throw new ConfigurationException(
                    path,
                    "crop "
                            + size
                            + " is larger than the "
                            + chw[1]
                            + "x"
                            + chw[2]
                            + " input; resize first or choose a smaller size");
        }
        return new int[] {chw[0], size.height(), size.width()};
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        int height = Math.toIntExact(batch.getShape().get(2));
        int width = Math.toIntExact(batch.getShape().get(3));
        outputShape(new int[] {Math.toIntExact(batch.getShape().get(1)), height, width});
        if (height == size.height() && width == size.width()) {
            return batch;
        }
        int top = (height - size.height()) / 2;
        int left = (width - size.width()) / 2;
        return batch.get(
                new NDIndex(
                        ":, :, {}:{}, {}:{}", top, top + size.height(), left, left + size.width()));
    }
}
