package dev.classify.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded random partition of image indices into a training part and a validation hold-out.
 *
 * @param train indices trained on, ascending
 * @param validation indices held out, ascending
 */
public record HoldOutSplit(int[] train, int[] validation) {

    /**
     * Draws {@code holdOut} of the indices 0..size-1 uniformly at random (Fisher-Yates with a
     * {@link SplittableRandom} seeded by {@code seed}); the same arguments give the same split.
     *
     * @throws IllegalArgumentException unless 0 <= holdOut < size
     */
    public static HoldOutSplit of(int size, int holdOut, long seed) {
        if (holdOut < 0 || holdOut >= size) {
            throw new IllegalArgumentException(
                    "hold-out must be in [0, " + size + "), got " + holdOut);
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < holdOut; i++) {
            int j = i + random.nextInt(size - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] validation = Arrays.copyOfRange(order, 0, holdOut);
        int[] train = Arrays.copyOfRange(order, holdOut, size);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new HoldOutSplit(train, validation);
    }
}
