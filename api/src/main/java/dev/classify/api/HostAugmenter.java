package dev.classify.api;

import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * An augmentation step that can also transform a batch held in a Java {@code float[]}, before the
 * batch becomes an {@link ai.djl.ndarray.NDArray}, with the same result bit for bit. The host runs
 * the steps at the start of a training list that have this capability on the pixels it has just
 * copied out of the {@link ImageSet}, on the thread that prepares batches ahead of the training
 * step ({@code train.prefetch}), and creates one array per batch afterwards: so the data path's
 * arithmetic runs beside the step instead of in the engine's queue (MXNet runs every array
 * operation on its own worker thread, whichever Java thread asks). The steps after the first one
 * without it, and every step of previews and evaluation, go through {@link #apply} as before.
 *
 * <p>Contract: for a batch of the same shape and values, {@link #applyOnHost} draws from {@code
 * random} exactly what {@link #apply} draws, in the same order, and returns the values {@code
 * apply} returns, bit for bit: the same float32 operations in the same order (for instance {@code
 * (x - mean) * (1 / std)} when {@code apply} multiplies by a reciprocal), never a fused or
 * reordered shortcut. A {@link MixingAugmenter} never takes this path: its step needs the labels.
 *
 * <p>Instances are immutable and thread safe, as every {@link Augmenter}.
 */
public interface HostAugmenter extends Augmenter {
    /**
     * Transforms a batch held in {@code pixels}.
     *
     * @param pixels float32 values of shape {@code shape}, row-major (image after image, each
     *     channel-major as {@link ImageSet#copyPixels} writes it); owned by this call, which may
     *     overwrite it
     * @param shape (N, C, H, W) of {@code pixels}
     * @param random the source of every random decision; advanced by this call as {@link #apply}
     *     advances it
     * @return the transformed batch, (N, C', H', W') row-major with (C', H', W') = {@link
     *     #outputShape} of (C, H, W): {@code pixels} itself (changed or not) or a new array
     * @throws ConfigurationException where {@link #apply} throws it, for the same reason
     */
    float[] applyOnHost(float[] pixels, Shape shape, RandomGenerator random);
}
