package dev.classify.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The squeeze-and-excitation block of Hu et al. 2017, "Squeeze-and-Excitation Networks": it
 * rescales each channel of its input by a gate computed from the whole feature map,
 *
 * <pre>
 *   s = sigmoid(W2 relu(W1 mean_hw(x) + b1) + b2)      (N, C)
 *   y = x * s                                          broadcast over H and W
 * </pre>
 *
 * with W1 of shape (C/r, C) and W2 of shape (C, C/r); the hidden width is {@code max(1, C / r)}.
 *
 * <p>Input and output: float32 (N, C, H, W), same shape. Child {@code gate} holds the layers {@code
 * squeeze} (global average pool), {@code flatten}, {@code reduce} (fully connected C to C/r, with
 * bias), {@code relu}, {@code expand} (fully connected C/r to C, with bias) and {@code sigmoid}; 2
 * C (C/r) + C/r + C parameters.
 */
final class SqueezeExcitationBlock extends AbstractBlock {
    private final int channels;
    private final Block gate;

    /**
     * Creates a block for inputs of {@code channels} channels.
     *
     * @param channels C, at least 1
     * @param reduction r, at least 1
     * @throws IllegalArgumentException when a value is out of range
     */
    SqueezeExcitationBlock(int channels, int reduction) {
        if (channels < 1 || reduction < 1) {
            throw new IllegalArgumentException(
                    "channels and reduction must be at least 1, got "
                            + channels
                            + " and "
                            + reduction);
        }
        this.channels = channels;
        this.gate =
                addChildBlock(
                        "gate",
                        new NamedSequentialBlock()
                                .add("squeeze", new GlobalAveragePool())
                                .add("flatten", Blocks.batchFlattenBlock())
                                .add("reduce", linear(hiddenWidth(channels, reduction)))
                                .add("relu", Activation.reluBlock())
                                .add("expand", linear(channels))
                                .add("sigmoid", Activation.sigmoidBlock()));
    }

    /** Returns the gate's hidden width for {@code channels} and {@code reduction}. */
    static int hiddenWidth(int channels, int reduction) {
        return Math.max(1, channels / reduction);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray scale = gate.forward(parameterStore, inputs, training, params).singletonOrThrow();
        Shape shape = input.getShape();
        NDArray channelScale = scale.reshape(shape.get(0), shape.get(1), 1, 1);
        if (training) {
            // Broadcast first, then multiply arrays of one shape: on MXNet 1.9.1 the backward pass
            // of a broadcasting multiply reduces slowly; this split about halves the gate's
            // multiply, forward and backward (MXNet's profiler, SE-ResNet-18 at 1x28x28, batch
            // 32: about 130 against 210 to 270 ms for 3 steps). Prediction needs no backward pass
            // and keeps the single broadcasting multiply, whose forward pass is the faster.
            channelScale = channelScale.broadcast(shape);
        }
        return new NDList(input.mul(channelScale));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape input = inputShapes[0];
        if (input.dimension() != 4 || input.get(1) != channels) {
            throw new IllegalArgumentException(
                    "expected (N, " + channels + ", H, W) input, got " + input);
        }
        gate.initialize(manager, dataType, inputShapes);
    }

    private static Block linear(int units) {
        return Linear.builder().setUnits(units).build();
    }
}
