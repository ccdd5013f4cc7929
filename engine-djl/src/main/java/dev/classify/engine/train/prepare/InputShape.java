package dev.classify.engine.train.prepare;

import dev.classify.api.ConfigurationException;
import dev.classify.api.Problems;
import dev.classify.engine.config.ModelConfig;
import dev.classify.engine.data.AugmentationPipeline;
import java.util.Arrays;

/**
 * The network's input shape as the augmentation makes it from the images' shape, checked: both
 * pipelines must make the same shape, no side may exceed {@link RunPreparation#MAX_SIZE}, and
 * {@code model.inputChannels}, when given, must match.
 */
final class InputShape {
    private final AugmentationPipeline trainAugment;
    private final AugmentationPipeline evalAugment;
    private final int[] imageShape;

    InputShape(
            AugmentationPipeline trainAugment, AugmentationPipeline evalAugment, int[] imageShape) {
        this.trainAugment = trainAugment;
        this.evalAugment = evalAugment;
        this.imageShape = imageShape;
    }

    /**
     * Returns the (C, H, W) the evaluation augmentation makes, or {@code null} when it cannot make
     * one; records every problem found.
     */
    int[] check(ModelConfig model, Problems problems) {
        int[] trainShape = outputShape(trainAugment, problems);
        int[] inputShape = outputShape(evalAugment, problems);
        if (trainShape != null && inputShape != null && !Arrays.equals(trainShape, inputShape)) {
            problems.add(
                    "augment",
                    "augment.train makes "
                            + RunPreparation.shape(trainShape)
                            + " images but augment.eval makes "
                            + RunPreparation.shape(inputShape)
                            + "; both must give the network the same shape");
        }
        int max = RunPreparation.MAX_SIZE;
        if (inputShape != null && (inputShape[1] > max || inputShape[2] > max)) {
            problems.add(
                    "augment.eval",
                    "makes "
                            + RunPreparation.shape(inputShape)
                            + " images, larger than "
                            + max
                            + "x"
                            + max
                            + "; resize to a smaller size");
        }
        if (inputShape != null
                && model.inputChannels() != null
                && model.inputChannels() != inputShape[0]) {
            problems.add(
                    "model.inputChannels",
                    "is "
                            + model.inputChannels()
                            + " but the augmented images have "
                            + channels(inputShape[0])
                            + (model.inputChannels() > inputShape[0]
                                    ? "; add {type: to-rgb} to both augment lists"
                                    : "; remove to-rgb from the augment lists")
                            + " or set inputChannels to "
                            + inputShape[0]);
        }
        return inputShape;
    }

    /** The pipeline's output shape, or {@code null} with its problem recorded. */
    private int[] outputShape(AugmentationPipeline pipeline, Problems problems) {
        try {
            return pipeline.outputShape(imageShape);
        } catch (ConfigurationException e) {
            problems.addAll(e);
            return null;
        }
    }

    private static String channels(int count) {
        return count == 1 ? "1 channel" : count + " channels";
    }
}
