package dev.classify.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * An augmentation step that mixes the images of a batch with each other, and their labels in the
 * same proportions, such as MixUp (Zhang et al. 2017) and CutMix (Yun et al. 2019). Such a step
 * belongs in a training pipeline only: the host refuses it in {@code augment.eval}, and gives the
 * training loss the mixed targets instead of class indices.
 *
 * <p>Targets are soft labels: float32 of shape (N, K) for K classes, every value in [0, 1] and
 * every row summing to 1 (one-hot rows for unmixed images). The host calls {@link #mix}; the
 * images-only {@link #apply} makes the same random draws and drops the targets, for previews.
 *
 * <p>Instances are immutable and thread safe; every random decision is drawn from the {@code
 * random} argument, the same source the other steps of the pipeline draw from.
 */
public interface MixingAugmenter extends Augmenter {
    /**
     * Mixes the images of {@code images} and their {@code targets} alike.
     *
     * @param images float32 (N, C, H, W); not closed or modified by this method
     * @param targets float32 (N, K) soft labels of those images, rows summing to 1; not closed or
     *     modified
     * @param random the source of every random decision; advanced by this call
     * @return the mixed images, float32 (N, C, H, W), and targets, float32 (N, K) with rows summing
     *     to 1, attached to {@code images}'s manager (or the inputs themselves when this batch is
     *     left unmixed); the caller closes them with that manager
     */
    MixedBatch mix(NDArray images, NDArray targets, RandomGenerator random);

    /**
     * Mixes the images alone, with the same draws as {@link #mix}, for a preview of the effect.
     * Training must call {@link #mix}, so that the labels follow the pixels.
     */
    @Override
    default NDArray apply(NDArray batch, RandomGenerator random) {
        long count = batch.getShape().get(0);
        NDArray unused = batch.getManager().ones(new Shape(count, 1));
        return mix(batch, unused, random).images();
    }
}
