package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The architecture of a run.
 *
 * @param type the model plugin, default {@code simple-cnn}
 * @param inputChannels the channels the network takes; default: those of the augmented images. When
 *     given, it must match them (use {@code to-rgb} to expand grayscale to 3 channels)
 * @param numClasses the number of classes; default: the number of classes in the training labels
 * @param options the plugin's own options, e.g. {@code depth}, {@code stem}, {@code kernelSize}
 * @param pretrained the parameters training starts from ({@code model.pretrained}), or {@code null}
 *     for a fresh initialisation
 */
public record ModelConfig(
        String type,
        Integer inputChannels,
        Integer numClasses,
        Map<String, Object> options,
        PretrainedConfig pretrained) {

    /** The model plugin used when {@code type} is absent. */
    public static final String DEFAULT_TYPE = "simple-cnn";

    /** Fills defaults and copies {@code options}. */
    public ModelConfig {
        type = type == null ? DEFAULT_TYPE : type;
        options =
                options == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A model starting from a fresh initialisation. */
    public ModelConfig(
            String type, Integer inputChannels, Integer numClasses, Map<String, Object> options) {
        this(type, inputChannels, numClasses, options, null);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        if (inputChannels != null) {
            problems.check(
                    inputChannels >= 1,
                    path + ".inputChannels",
                    "must be at least 1, got " + inputChannels);
        }
        if (numClasses != null) {
            problems.check(
                    numClasses >= 2, path + ".numClasses", "must be at least 2, got " + numClasses);
        }
        if (pretrained != null) {
            pretrained.validate(path + ".pretrained", problems);
        }
    }
}
