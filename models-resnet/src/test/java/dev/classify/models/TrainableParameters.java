package dev.classify.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * Counts parameters the way torchvision's reference numbers do.
 *
 * <p>DJL registers a batch norm's running mean and running variance as {@link Parameter}s, so
 * {@code getParameters()} returns four arrays per batch norm, while PyTorch keeps the running
 * statistics as buffers and counts only gamma and beta. Counting the parameters that require a
 * gradient (everything but the running statistics) reproduces torchvision's counts exactly.
 */
final class TrainableParameters {
    private TrainableParameters() {}

    /**
     * Initialises {@code block} for one 3x224x224 image and returns {@link #count(Block)}. Weights
     * are filled with zeros instead of random numbers: the count does not depend on them, and
     * drawing 60 million Gaussian numbers for ResNet-152 takes most of the time otherwise.
     */
    static long countAtImagenetSize(Block block) {
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            return count(block);
        }
    }

    /** Returns the number of scalars in the initialised {@code block}'s trainable parameters. */
    static long count(Block block) {
        long count = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (parameter.getValue().requiresGradient()) {
                count += parameter.getValue().getArray().size();
            }
        }
        return count;
    }

    /** Returns the number of scalars in every parameter, running statistics included. */
    static long countAll(Block block) {
        long count = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }
}
