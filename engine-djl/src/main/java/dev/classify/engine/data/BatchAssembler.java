package dev.classify.engine.data;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.ImageSet;

/**
 * Copies images of an {@link ImageSet} into float32 batches of shape (N, C, H, W) with values in
 * [0, 1], and their labels into float32 class indices of shape (N). Not thread safe.
 */
public final class BatchAssembler {
    private final ImageSet images;
    private final int imageSize;

    public BatchAssembler(ImageSet images) {
        this.images = requireNonNull(images, "images is null");
        this.imageSize = images.channels() * images.height() * images.width();
    }

    /**
     * Returns images {@code indices[from..to)} as an (N, C, H, W) array owned by {@code manager}.
     */
    public NDArray images(NDManager manager, int[] indices, int from, int to) {
        return manager.create(pixels(indices, from, to), shape(to - from));
    }

    /**
     * Returns images {@code indices[from..to)} as (N, C, H, W) values in a Java array, row-major:
     * what {@link #images} holds, before it becomes an array of the engine.
     */
    public float[] pixels(int[] indices, int from, int to) {
        int count = to - from;
        float[] pixels = new float[count * imageSize];
        for (int i = 0; i < count; i++) {
            images.copyPixels(indices[from + i], pixels, i * imageSize);
        }
        return pixels;
    }

    /** Returns (count, C, H, W) for the set's images. */
    public Shape shape(int count) {
        return new Shape(count, images.channels(), images.height(), images.width());
    }

    /** Returns the labels of {@code indices[from..to)} as an (N) float32 array. */
    public NDArray labels(NDManager manager, int[] indices, int from, int to) {
        float[] labels = new float[to - from];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.label(indices[from + i]);
        }
        return manager.create(labels);
    }
}
