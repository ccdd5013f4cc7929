package dev.classify.augment;

import java.util.random.RandomGenerator;

/**
 * How an augmenter of per-image {@link AugmentOp}s chooses them: TrivialAugment one op at a random
 * strength, RandAugment n ops at a fixed one. Implementations are immutable.
 */
interface OpPolicy {
    /** The number of ops each image goes through in turn. */
    int rounds();

    /**
     * Draws the ops of one image of {@code height} x {@code width} pixels into {@code ops} and
     * their signed magnitudes into {@code magnitudes} (each of length {@link #rounds()}), from
     * {@code random}.
     */
    void draw(RandomGenerator random, int height, int width, AugmentOp[] ops, float[] magnitudes);
}
