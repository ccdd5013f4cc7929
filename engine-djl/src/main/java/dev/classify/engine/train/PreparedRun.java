package dev.classify.engine.train;

import ai.djl.Device;
import dev.classify.api.ImageSet;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.ConfigurationWriter;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.HoldOutSplit;
import dev.classify.engine.model.ModelDescription;
import java.util.List;
import java.util.Map;
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
 * @param devices the devices to train on: one, or several GPUs for data-parallel training (the
 *     first holds the model's parameters)
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
        List<Device> devices) {

    /** Copies the device list. */
    public PreparedRun {
        devices = List.copyOf(devices);
    }

    /** Returns the first device, which holds the model's parameters. */
    public Device device() {
        return devices.get(0);
    }

    /** Returns the engine's name, e.g. {@code MXNet}. */
    public String engine() {
        return config.engine();
    }

    /**
     * Describes the network this run trains, as the run's {@code model/classify-model.json} holds
     * it: architecture and options, image and input shapes, class names, evaluation augmentation,
     * test-time augmentation views.
     */
    public ModelDescription describe() {
        return new ModelDescription(
                ModelDescription.FORMAT,
                engine(),
                config.model().type(),
                config.model().options(),
                Map.of(),
                null,
                imageShape,
                new int[] {spec.inputChannels(), spec.inputHeight(), spec.inputWidth()},
                classNames,
                ConfigurationWriter.steps(config.augment().eval()),
                config.augment().tta());
    }
}
