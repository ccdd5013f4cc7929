package dev.classify.engine.data;

/**
 * How data-parallel training splits a batch of N images across k devices: consecutive slices whose
 * sizes differ by at most one, the larger ones first (as DJL's {@code Batch.split} does). Each
 * device's loss, the mean over its slice, is weighted by its share of the batch (slice size / N),
 * so that the gradients the parameter server sums over the devices are the gradient of the mean
 * loss over the whole batch, as on one device. (DJL's {@code EasyTrain} sums unweighted slice
 * means: k times the one-device gradient for equal slices.) Batch normalization still sees each
 * slice's own statistics, as in PyTorch's {@code DataParallel}.
 */
public final class BatchSplit {
    private BatchSplit() {}

    /**
     * Returns the slice sizes of {@code count} images over {@code devices} devices.
     *
     * @throws IllegalArgumentException when a device would get no image ({@code count < devices})
     */
    public static int[] sizes(int count, int devices) {
        if (devices < 1 || count < devices) {
            throw new IllegalArgumentException(
                    "cannot split " + count + " images over " + devices + " devices");
        }
        int[] sizes = new int[devices];
        for (int i = 0; i < devices; i++) {
            sizes[i] = count / devices + (i < count % devices ? 1 : 0);
        }
        return sizes;
    }

    /** The weight of a slice of {@code size} images in a batch of {@code count}: size / count. */
    public static float weight(int size, int count) {
        return (float) size / count;
    }
}
