package dev.classify.api;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * One step of an augmentation pipeline, applied to a whole batch at once.
 *
 * <p>Layout contract: the input is a float32 array of shape (N, C, H, W); pixel values start in [0,
 * 1] and keep that range unless the step says otherwise (normalisation, for instance, does not). An
 * augmenter may change C, H and W (resizing, cropping, channel expansion) but never N.
 *
 * <p>Instances are immutable and thread safe; every random decision is drawn from the {@code
 * random} argument, so that a seeded source gives the same batches run after run.
 */
public interface Augmenter {
    /**
     * Transforms {@code batch}.
     *
     * @param batch float32 (N, C, H, W); not closed or modified by this method
     * @param random the source of every random decision; advanced by this call
     * @return the transformed batch, float32 (N, C', H', W'), attached to {@code batch}'s manager
     *     (or {@code batch} itself when nothing changes); the caller closes it with that manager
     */
    NDArray apply(NDArray batch, RandomGenerator random);

    /**
     * Returns the shape (C', H', W') this augmenter produces from an input of shape (C, H, W).
     *
     * @param chw the input's channels, height and width
     * @return the output's channels, height and width; the default returns {@code chw} unchanged
     */
    default int[] outputShape(int[] chw) {
        return chw.clone();
    }
}
