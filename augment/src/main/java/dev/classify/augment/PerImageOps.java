package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Applies one {@link AugmentOp} of each image's own to an NCHW batch: the images of each op are
 * gathered into one sub-batch, transformed together and put back in their places, so a batch costs
 * one pass per op that occurs in it. Also draws the signed magnitudes both augmenters share.
 * Stateless.
 */
final class PerImageOps {
    private static final AugmentOp[] OPS = AugmentOp.values();

    private PerImageOps() {}

    /** Draws one op uniformly from the {@link AugmentOp}s with {@code nextInt}. */
    static AugmentOp drawOp(RandomGenerator random) {
        return OPS[random.nextInt(OPS.length)];
    }

    /** Negates {@code magnitude} with probability 1/2 (one {@code nextInt(2)}) for signed ops. */
    static float signed(AugmentOp op, float magnitude, RandomGenerator random) {
        return op.signed() && random.nextInt(2) == 1 ? -magnitude : magnitude;
    }

    /**
     * Applies {@code ops[i]} with {@code magnitudes[i]} to image i of {@code batch}.
     *
     * @param batch float32 (N, C, H, W) in [0, 1], C 1 or 3; not closed or modified
     * @return float32 (N, C, H, W) in [0, 1] on {@code batch}'s manager, or {@code batch} when
     *     every op is the identity
     */
    static NDArray apply(NDArray batch, AugmentOp[] ops, float[] magnitudes) {
        int count = ops.length;
        if (Arrays.stream(ops).allMatch(op -> op == AugmentOp.IDENTITY)) {
            return batch;
        }
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDList parts = new NDList();
            int[] placeOf = new int[count];
            int placed = 0;
            for (AugmentOp op : OPS) {
                int[] images = imagesOf(op, ops);
                if (images.length == 0) {
                    continue;
                }
                float[] own = new float[images.length];
                for (int k = 0; k < images.length; k++) {
                    own[k] = magnitudes[images[k]];
                    placeOf[images[k]] = placed++;
                }
                NDArray part = batch.get(scratch.create(images));
                part.attach(scratch);
                NDArray done = op.apply(part, own);
                done.attach(scratch);
                parts.add(done);
            }
            NDArray result = NDArrays.concat(parts, 0).get(scratch.create(placeOf));
            result.attach(manager);
            return result;
        }
    }

    private static int[] imagesOf(AugmentOp op, AugmentOp[] ops) {
        int[] images = new int[ops.length];
        int found = 0;
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] == op) {
                images[found++] = i;
            }
        }
        return Arrays.copyOf(images, found);
    }
}
