package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** One-hot targets of the real test images, as the training host makes them. */
final class MixingBatches {
    static final int CLASSES = 10;

    private MixingBatches() {}

    /** Returns (4, 10) one-hot targets of {@link TestImages#FOUR_LABELS}. */
    static NDArray fourTargets(NDManager manager) {
        return manager.create(TestImages.FOUR_LABELS)
                .oneHot(CLASSES)
                .toType(DataType.FLOAT32, false);
    }

    /** Returns the position of the image with {@code label} in {@code labels}. */
    static int index(int[] labels, int label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("no image of label " + label);
    }
}
