package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.random.RandomGenerator;

/**
 * The partner of every image in a mixed batch: a uniformly random permutation of 0..N-1 (an image
 * may be its own partner, as with PyTorch's {@code randperm} in the reference implementations).
 */
final class BatchPartners {
    private BatchPartners() {}

    /** Draws a permutation of 0..count-1 by Fisher-Yates: {@code count - 1} {@code nextInt}s. */
    static int[] draw(int count, RandomGenerator random) {
        int[] partners = new int[count];
        for (int i = 0; i < count; i++) {
            partners[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = partners[i];
            partners[i] = partners[j];
            partners[j] = swap;
        }
        return partners;
    }

    /**
     * Returns the rows {@code partners[0], partners[1], ...} of {@code array} along its first axis,
     * attached to {@code array}'s manager.
     */
    static NDArray gather(NDArray array, int[] partners) {
        try (NDArray index = array.getManager().create(partners)) {
            return array.get(new NDIndex("{}", index));
        }
    }

    /** Returns lambda * first + (1 - lambda) * second, in float32. */
    static NDArray blend(NDArray first, NDArray second, double lambda) {
        return first.mul((float) lambda).addi(second.mul((float) (1 - lambda)));
    }
}
