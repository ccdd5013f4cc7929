package dev.classify.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Drop path, the per-sample dropping of a residual branch in stochastic depth (Huang et al. 2016,
 * "Deep Networks with Stochastic Depth", arXiv:1603.09382), as timm's {@code DropPath} applies it:
 * each sample's branch is kept with probability 1 - p and then scaled by 1 / (1 - p), so that its
 * expected value is the branch itself, or replaced by zeros.
 *
 * <p>The draws come from the engine's random generator ({@link
 * ai.djl.ndarray.NDManager#randomUniform}), which training seeds with {@code train.seed}, as DJL's
 * dropout does. Stateless and thread safe.
 */
final class DropPath {
    private DropPath() {}

    /**
     * Drops whole samples of {@code branch}.
     *
     * @param branch float32 (N, ...) outputs of a residual branch; not closed
     * @param rate the probability p in (0, 1) that a sample's branch is dropped
     * @return (N, ...) on {@code branch}'s manager: each sample either zeros or its branch times 1
     *     / (1 - p)
     */
    static NDArray apply(NDArray branch, float rate) {
        float keep = 1 - rate;
        long[] maskShape = new long[branch.getShape().dimension()];
        Arrays.fill(maskShape, 1);
        maskShape[0] = branch.getShape().get(0);
        NDArray kept =
                branch.getManager()
                        .randomUniform(0, 1, new Shape(maskShape), branch.getDataType())
                        .lt(keep)
                        .toType(branch.getDataType(), false)
                        .div(keep);
        return branch.mul(kept);
    }
}
