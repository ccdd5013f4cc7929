package dev.classify.engine.train.step;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Clipping by norm, as PyTorch's {@code torch.nn.utils.clip_grad_norm_(parameters, maxNorm)} with
 * norm type 2: the total norm is the L2 norm of all the gradients together (the square root of the
 * sum of every element's square), and when it exceeds {@code maxNorm} every gradient is multiplied
 * by {@code maxNorm / (total + 1e-6)}, so that their directions stay and their joint length becomes
 * (just under) {@code maxNorm}. The sums are taken in the gradients' own type (float32), as PyTorch
 * does.
 */
public final class GradientNormClip {
    /** Added to the norm before dividing, as PyTorch does, against a division by a tiny norm. */
    public static final double EPSILON = 1e-6;

    private GradientNormClip() {}

    /**
     * Scales {@code gradients} in place when their total norm is above {@code maxNorm}. Temporary
     * arrays go to the gradients' managers: the caller attaches the gradients to a manager it
     * closes.
     *
     * @param gradients the gradient arrays of every trainable parameter
     * @param maxNorm the largest total norm, positive
     * @return the total norm before clipping
     */
    public static double clip(List<NDArray> gradients, double maxNorm) {
        if (gradients.isEmpty()) {
            return 0;
        }
        NDArray sum = null;
        for (NDArray gradient : gradients) {
            NDArray squares = gradient.square().sum();
            sum = sum == null ? squares : sum.add(squares);
        }
        double total = Math.sqrt(sum.getFloat());
        if (total > maxNorm) {
            float factor = (float) (maxNorm / (total + EPSILON));
            for (NDArray gradient : gradients) {
                gradient.muli(factor);
            }
        }
        return total;
    }
}
