package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import java.util.random.RandomGenerator;

/**
 * Applies the {@link AugmentOp}s an {@link OpPolicy} draws for each image of an NCHW batch: all
 * draws first, image by image in batch order, then one {@link PerImageOps} pass per round. Keeps
 * the shape and the [0, 1] range; needs 1 or 3 channels.
 */
final class PolicyAugmenter implements Augmenter {
    private final String path;
    private final String name;
    private final OpPolicy policy;

    PolicyAugmenter(String path, String name, OpPolicy policy) {
        this.path = path;
        this.name = name;
        this.policy = policy;
    }

    @Override
    public int[] outputShape(int[] chw) {
        if (chw[0] != 1 && chw[0] != 3) {
            throw new ConfigurationException(
                    path, name + " needs 1- or 3-channel images, got " + chw[0] + " channels");
        }
        return chw.clone();
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        Shape shape = batch.getShape();
        outputShape(new int[] {Math.toIntExact(shape.get(1)), 1, 1});
        int count = Math.toIntExact(shape.get(0));
        int rounds = policy.rounds();
        AugmentOp[][] ops = new AugmentOp[rounds][count];
        float[][] magnitudes = new float[rounds][count];
        AugmentOp[] imageOps = new AugmentOp[rounds];
        float[] imageMagnitudes = new float[rounds];
        for (int i = 0; i < count; i++) {
            policy.draw(
                    random,
                    Math.toIntExact(shape.get(2)),
                    Math.toIntExact(shape.get(3)),
                    imageOps,
                    imageMagnitudes);
            for (int k = 0; k < rounds; k++) {
                ops[k][i] = imageOps[k];
                magnitudes[k][i] = imageMagnitudes[k];
            }
        }
        NDArray result = batch;
        for (int k = 0; k < rounds; k++) {
            NDArray next = PerImageOps.apply(result, ops[k], magnitudes[k]);
            if (result != batch && next != result) {
                result.close();
            }
            result = next;
        }
        return result;
    }
}
