package dev.classify.models;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * One residual unit of He et al. 2015: {@code relu(residual(x) + shortcut(x))}, where the shortcut
 * is the identity when the residual branch keeps the shape of its input, and a projection (1x1
 * convolution with the branch's stride, then batch norm) when it changes channels or resolution.
 *
 * <p>With a drop rate p > 0 (stochastic depth, {@link DropPath}), training drops the residual
 * branch of each sample with probability p and scales the kept ones by 1 / (1 - p); prediction
 * always keeps it. The rate adds no parameter and no child, so a unit with rate 0 is the plain
 * unit.
 *
 * <p>Children: {@code residual} and, for a projection, {@code shortcut}. Input and output are
 * float32 (N, C, H, W) batches; the output has the residual branch's shape. The block is built on
 * DJL's {@link AbstractBlock} rather than a {@code ParallelBlock}, so that its children have
 * readable names and its own output shape is derived without running the join on dummy arrays.
 */
final class ResidualBlock extends AbstractBlock {
    private final Block residual;
    private final Block shortcut;
    private final float dropRate;

    private ResidualBlock(Block residual, Block shortcut, double dropRate) {
        if (!(dropRate >= 0 && dropRate < 1)) {
            throw new IllegalArgumentException("drop rate must be in [0, 1), got " + dropRate);
        }
        this.residual = addChildBlock("residual", requireNonNull(residual, "residual is null"));
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.dropRate = (float) dropRate;
    }

    /**
     * Returns a unit whose shortcut passes the input unchanged; the branch must keep its shape.
     *
     * @param dropRate the probability in [0, 1) that training drops the branch of a sample
     */
    static ResidualBlock withIdentity(Block residual, double dropRate) {
        return new ResidualBlock(residual, null, dropRate);
    }

    /**
     * Returns a unit whose shortcut is {@code projection}, producing the branch's output shape.
     *
     * @param dropRate the probability in [0, 1) that training drops the branch of a sample
     */
    static ResidualBlock withProjection(Block residual, Block projection, double dropRate) {
        return new ResidualBlock(
                residual, requireNonNull(projection, "projection is null"), dropRate);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray branch =
                residual.forward(parameterStore, inputs, training, params).singletonOrThrow();
        if (training && dropRate > 0) {
            branch = DropPath.apply(branch, dropRate);
        }
        NDArray identity =
                shortcut == null
                        ? inputs.singletonOrThrow()
                        : shortcut.forward(parameterStore, inputs, training, params)
                                .singletonOrThrow();
        return new NDList(Activation.relu(branch.add(identity)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return residual.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        residual.initialize(manager, dataType, inputShapes);
        Shape[] branchShapes = residual.getOutputShapes(inputShapes);
        Shape[] shortcutShapes = inputShapes;
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
            shortcutShapes = shortcut.getOutputShapes(inputShapes);
        }
        if (!Arrays.equals(branchShapes, shortcutShapes)) {
            // A wrong layout would otherwise surface as a broadcasting error deep in a forward
            // pass.
            throw new IllegalStateException(
                    "residual branch gives "
                            + Arrays.toString(branchShapes)
                            + " but shortcut gives "
                            + Arrays.toString(shortcutShapes));
        }
    }
}
