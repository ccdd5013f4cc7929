package dev.classify.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Global average pooling, (N, C, H, W) float32 in, (N, C) out: DJL's {@code
 * Pool.globalAvgPool2dBlock()} (same name, same saved form, so saved models load either way),
 * except that while training it takes the mean over the spatial axes instead. Both give the same
 * values up to the order of the float32 additions.
 *
 * <p>Why: on MXNet 1.9.1 DJL's block runs the {@code Pooling} operator, whose backward pass is slow
 * for global pooling of large maps. MXNet's profiler ({@code OperatorProfileBenchmark} in the
 * tests, SE-ResNet-18 at 1x28x28, batch 32) put {@code _backward_Pooling} at a fifth of a training
 * step, 21 ms a call against 0.5 ms for its forward pass; the mean's backward (a broadcast) took
 * 0.3 ms. The mean's forward pass is slower than {@code Pooling}'s (3.5 ms a call), so prediction,
 * which needs no backward pass, keeps {@code Pooling}.
 */
final class GlobalAveragePool extends LambdaBlock {
    /** The name of DJL's global average pooling block, which this one replaces. */
    static final String NAME = "globalAvgPool2d";

    /** Creates the block; it has no parameters. */
    GlobalAveragePool() {
        super(inputs -> new NDList(Pool.globalAvgPool2d(inputs.singletonOrThrow())), NAME);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        if (!training) {
            return super.forwardInternal(parameterStore, inputs, false, params);
        }
        NDArray input = inputs.singletonOrThrow();
        Shape shape = input.getShape();
        // One axis of H * W: DJL's PyTorch engine takes the mean over a single axis only.
        NDArray pixels = input.reshape(shape.get(0), shape.get(1), -1);
        return new NDList(pixels.mean(new int[] {2}));
    }
}
