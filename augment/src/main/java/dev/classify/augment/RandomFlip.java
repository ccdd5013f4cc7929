package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.HostAugmenter;
import java.util.random.RandomGenerator;

/**
 * Mirrors each image of an NCHW batch independently with a given probability: left-right (along W)
 * and/or top-bottom (along H). Keeps shape and value range. Runs on a Java array as well ({@link
 * HostAugmenter}).
 *
 * <p>Written on whole-batch tensor operations: DJL 0.36.0's own {@code RandomFlipLeftRight} and
 * {@code RandomFlipTopBottom} compute the flip and discard it, so they do nothing.
 */
final class RandomFlip implements HostAugmenter {
    private static final int HEIGHT_AXIS = 2;
    private static final int WIDTH_AXIS = 3;

    private final boolean horizontal;
    private final boolean vertical;
    private final double probability;

    RandomFlip(boolean horizontal, boolean vertical, double probability) {
        this.horizontal = horizontal;
        this.vertical = vertical;
        this.probability = probability;
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        NDArray result = batch;
        if (horizontal) {
            result = flipSome(result, WIDTH_AXIS, random);
        }
        if (vertical) {
            result = flipSome(result, HEIGHT_AXIS, random);
        }
        return result;
    }

    /** As {@link #apply}, in place: the same draws, and the same arithmetic on the same pixels. */
    @Override
    public float[] applyOnHost(float[] pixels, Shape shape, RandomGenerator random) {
        if (horizontal) {
            flipSome(pixels, shape, WIDTH_AXIS, random);
        }
        if (vertical) {
            flipSome(pixels, shape, HEIGHT_AXIS, random);
        }
        return pixels;
    }

    private NDArray flipSome(NDArray batch, int axis, RandomGenerator random) {
        int size = Math.toIntExact(batch.getShape().get(0));
        float[] chosen = draw(size, random);
        int count = count(chosen);
        if (count == 0) {
            return batch;
        }
        NDArray flipped = batch.flip(axis);
        if (count == size) {
            return flipped;
        }
        NDArray mask = batch.getManager().create(chosen, new Shape(size, 1, 1, 1));
        // flipped * mask + batch * (1 - mask) is exact for a 0/1 mask: x * 1 == x and x * 0 == 0
        NDArray kept = batch.mul(mask.neg().addi(1f));
        return flipped.muli(mask).addi(kept);
    }

    /**
     * Flips the images of {@code pixels} chosen by one draw each along {@code axis}: all of them
     * mirrored outright, or some with the blend {@link #flipSome(NDArray, int, RandomGenerator)}
     * computes (whose -0 and NaN behaviour a plain copy would not share).
     */
    private void flipSome(float[] pixels, Shape shape, int axis, RandomGenerator random) {
        int size = Math.toIntExact(shape.get(0));
        float[] chosen = draw(size, random);
        int count = count(chosen);
        if (count == 0) {
            return;
        }
        boolean blend = count < size;
        int width = Math.toIntExact(shape.get(WIDTH_AXIS));
        // along W a line is a row (step 1); along H a line is a column (step width)
        int length = Math.toIntExact(shape.get(axis));
        int step = axis == WIDTH_AXIS ? 1 : width;
        int lines = pixels.length / length;
        int imageSize = pixels.length / size;
        for (int line = 0; line < lines; line++) {
            int start =
                    axis == WIDTH_AXIS
                            ? line * length
                            : (line / width) * length * width + line % width;
            float mask = chosen[start / imageSize];
            float keep = -mask + 1f;
            for (int a = start, b = start + (length - 1) * step; a <= b; a += step, b -= step) {
                float first = pixels[a];
                float last = pixels[b];
                pixels[a] = blend ? last * mask + first * keep : last;
                pixels[b] = blend ? first * mask + last * keep : first;
            }
        }
    }

    /** One draw per image: 1 for the images to flip, 0 for the others. */
    private float[] draw(int size, RandomGenerator random) {
        float[] chosen = new float[size];
        for (int i = 0; i < size; i++) {
            if (random.nextDouble() < probability) {
                chosen[i] = 1f;
            }
        }
        return chosen;
    }

    private static int count(float[] chosen) {
        int count = 0;
        for (float value : chosen) {
            count += (int) value;
        }
        return count;
    }
}
