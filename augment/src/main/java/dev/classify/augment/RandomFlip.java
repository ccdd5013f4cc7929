package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Mirrors each image of an NCHW batch independently with a given probability: left-right (along W)
 * and/or top-bottom (along H). Keeps shape and value range.
 *
 * <p>Written on whole-batch tensor operations: DJL 0.36.0's own {@code RandomFlipLeftRight} and
 * {@code RandomFlipTopBottom} compute the flip and discard it, so they do nothing.
 */
final class RandomFlip implements Augmenter {
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

    private NDArray flipSome(NDArray batch, int axis, RandomGenerator random) {
        int size = Math.toIntExact(batch.getShape().get(0));
        float[] chosen = new float[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (random.nextDouble() < probability) {
                chosen[i] = 1f;
                count++;
            }
        }
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
}
