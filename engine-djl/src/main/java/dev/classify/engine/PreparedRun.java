package dev.classify.engine;

import ai.djl.Device;
import dev.classify.api.ImageSet;
import dev.classify.api.ModelSpec;
import dev.classify.api.config.PipelineConfig;
import java.util.List;
import java.util.Optional;

/**
 * A configuration checked against its data, ready to train: the data sets read, the hold-out drawn,
 * the augmentation pipelines and the model specification built.
 *
 * @param config the configuration
 * @param train the training images, hold-out included
 * @param test the images to predict after training, if configured
 * @param split the training and validation indices into {@code train}
 * @param trainAugment the training augmentation
 * @param evalAugment the evaluation augmentation
 * @param spec the network's input shape, classes and options
 * @param imageShape the (C, H, W) of the images before augmentation
 * @param classNames the class names, indexed by class
 * @param device the device to train on
 */
public record PreparedRun(
        PipelineConfig config,
        ImageSet train,
        Optional<ImageSet> test,
        HoldOutSplit split,
        AugmentationPipeline trainAugment,
        AugmentationPipeline evalAugment,
        ModelSpec spec,
        int[] imageShape,
        List<String> classNames,
        Device device) {}
