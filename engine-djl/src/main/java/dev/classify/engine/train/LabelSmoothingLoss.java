package dev.classify.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with label smoothing (Szegedy et al. 2015, "Rethinking the Inception
 * architecture"): for logits of shape (N, K) and class-index labels of shape (N), the cross-entropy
 * against the target (1 - eps) * one-hot + eps / K, averaged over the batch; the same as PyTorch's
 * {@code CrossEntropyLoss(label_smoothing=eps)}. Per image that is (1 - eps) * -log p[label] + eps
 * * mean over classes of -log p. With eps 0 it is DJL's {@code SoftmaxCrossEntropyLoss}, which has
 * no smoothing option in 0.36.
 *
 * <p>Labels may also be soft targets, float32 (N, K) with rows summing to 1, as MixUp and CutMix
 * make them: the loss is then the mean over the batch of -sum over k of ((1 - eps) t[k] + eps / K)
 * log p[k], smoothing applied on top of the mixed target as PyTorch does for probability targets.
 * The arrays it returns belong to the manager of the logits. Thread safe.
 */
final class LabelSmoothingLoss extends Loss {
    private final float smoothing;

    /**
     * @param smoothing eps, in [0, 1)
     */
    LabelSmoothingLoss(double smoothing) {
        super("LabelSmoothingLoss");
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        this.smoothing = (float) smoothing;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(1);
        NDArray label = labels.singletonOrThrow();
        if (label.getShape().dimension() == 2) {
            NDArray target = smoothing == 0 ? label : label.mul(1 - smoothing);
            NDArray crossEntropy = logProbabilities.mul(target).sum(new int[] {1}).neg();
            if (smoothing == 0) {
                return crossEntropy.mean();
            }
            NDArray uniform = logProbabilities.mean(new int[] {1}).neg();
            return crossEntropy.add(uniform.mul(smoothing)).mean();
        }
        // The same pick as DJL's SoftmaxCrossEntropyLoss, so that eps 0 gives its value.
        NDArray trueClass =
                logProbabilities
                        .get(new NDIndex().addAllDim(1).addPickDim(label))
                        .neg()
                        .reshape(-1);
        if (smoothing == 0) {
            return trueClass.mean();
        }
        NDArray uniform = logProbabilities.mean(new int[] {1}).neg();
        return trueClass.mul(1 - smoothing).add(uniform.mul(smoothing)).mean();
    }
}
