package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real Fashion-MNIST images (28x28 uint8) from the test resources: a sneaker, and four images of
 * four classes from the quick-start subset.
 */
final class TestImages {
    static final int SIZE = 28;

    private TestImages() {}

    /**
     * Returns {@code count} copies of the sneaker as an (count, 1, 28, 28) float32 batch in [0, 1].
     */
    static NDArray sneakers(NDManager manager, int count) {
        byte[] pixels;
        try (InputStream in = TestImages.class.getResourceAsStream("/sneaker-28x28.u8")) {
            pixels = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] values = new float[count * SIZE * SIZE];
        for (int i = 0; i < values.length; i++) {
            values[i] = (pixels[i % pixels.length] & 0xFF) / 255f;
        }
        return manager.create(values, new Shape(count, 1, SIZE, SIZE));
    }

    /** The labels of {@link #fourClasses}: trouser, bag, dress, T-shirt/top. */
    static final int[] FOUR_LABELS = {1, 8, 3, 0};

    /**
     * Returns rows 27, 8, 0 and 13 of {@code examples/fashion-mnist-small/train.npy} (labels {@link
     * #FOUR_LABELS}) as a (4, 1, 28, 28) float32 batch in [0, 1].
     */
    static NDArray fourClasses(NDManager manager) {
        byte[] pixels;
        try (InputStream in = TestImages.class.getResourceAsStream("/four-classes-28x28.u8")) {
            pixels = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (pixels[i] & 0xFF) / 255f;
        }
        return manager.create(values, new Shape(4, 1, SIZE, SIZE));
    }
}
