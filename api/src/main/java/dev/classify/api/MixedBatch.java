package dev.classify.api;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;

/**
 * A batch after a {@link MixingAugmenter}: images and the soft labels that go with them.
 *
 * @param images float32 (N, C, H, W)
 * @param targets float32 (N, K), each row in [0, 1] summing to 1
 */
public record MixedBatch(NDArray images, NDArray targets) {
    /** Checks that no component is null. */
    public MixedBatch {
        requireNonNull(images, "images is null");
        requireNonNull(targets, "targets is null");
    }
}
