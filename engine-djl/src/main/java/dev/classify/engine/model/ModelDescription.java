package dev.classify.engine.model;

import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.config.PluginConfig;
import dev.classify.report.JsonFile;
import dev.classify.report.RunFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a saved model needs besides its parameters to predict again: the architecture, the image
 * shape it was trained on, the class names and the evaluation augmentation. Stored as {@code
 * classify-model.json} beside DJL's {@code model-0000.params}.
 *
 * @param format the file format version, 1
 * @param engine the DJL engine that trained it, e.g. {@code MXNet}; the parameters are in DJL's own
 *     format, which either engine loads
 * @param modelType the model plugin's name
 * @param modelOptions the model plugin's options
 * @param imageShape the (C, H, W) of the images before augmentation
 * @param inputShape the (C, H, W) the network takes, after the evaluation augmentation
 * @param classNames the class names, indexed by class
 * @param eval the evaluation augmentation steps, each {@code {type: NAME, ...options}}
 */
public record ModelDescription(
        int format,
        String engine,
        String modelType,
        Map<String, Object> modelOptions,
        int[] imageShape,
        int[] inputShape,
        List<String> classNames,
        List<Map<String, Object>> eval) {

    /** The name of the description file inside a model folder. */
    public static final String FILE_NAME = RunFiles.MODEL_DESCRIPTION;

    /** The format version this release writes and reads. */
    public static final int FORMAT = 1;

    /**
     * Returns the specification a model plugin gets for a network taking (N, C, H, W) input of
     * {@code chw} and scoring {@code numClasses} classes, with {@code options} read at the
     * configuration path {@code model}. Every network of classify is specified this way: for
     * training, for {@code summary} and for a saved model ({@link #spec()}).
     *
     * @param chw the input's (C, H, W), each at least 1
     * @param numClasses at least 2
     * @throws IllegalArgumentException when a size is out of range
     */
    public static ModelSpec specOf(int[] chw, int numClasses, Map<String, ?> options) {
        return new ModelSpec(chw[0], chw[1], chw[2], numClasses, new Options("model", options));
    }

    /** Returns the specification of the described network. */
    public ModelSpec spec() {
        return specOf(inputShape, classNames.size(), modelOptions());
    }

    /** Returns the evaluation steps as configuration entries. */
    List<PluginConfig> evalSteps() {
        List<PluginConfig> steps = new ArrayList<>();
        for (Map<String, Object> step : eval) {
            Map<String, Object> options = new LinkedHashMap<>(step);
            steps.add(new PluginConfig(String.valueOf(options.remove("type")), options));
        }
        return steps;
    }

    /**
     * Reads and checks a description file.
     *
     * @throws InvalidDataException when the file is unreadable, incomplete or of another format
     *     version
     */
    public static ModelDescription read(Path file) {
        ModelDescription description =
                JsonFile.read(
                        file,
                        ModelDescription.class,
                        "model description",
                        "restore the file from the run folder or train again");
        if (description == null
                || description.modelType() == null
                || !isShape(description.imageShape())
                || !isShape(description.inputShape())
                || description.classNames() == null
                || description.classNames().size() < 2
                || description.eval() == null
                || description.eval().stream().anyMatch(s -> s == null || s.get("type") == null)) {
            throw new InvalidDataException(
                    file,
                    "incomplete model description (needs modelType, imageShape and inputShape"
                            + " of 3 positive sizes, at least 2 classNames, eval steps with a"
                            + " type); restore the file or train again");
        }
        if (description.format() != FORMAT) {
            throw new InvalidDataException(
                    file,
                    "model format "
                            + description.format()
                            + " is not supported (this version reads "
                            + FORMAT
                            + "); use the classify version that trained it");
        }
        return description;
    }

    /** Returns the model options, empty when absent. */
    @Override
    public Map<String, Object> modelOptions() {
        return modelOptions == null ? Map.of() : modelOptions;
    }

    private static boolean isShape(int[] shape) {
        return shape != null && shape.length == 3 && Arrays.stream(shape).allMatch(n -> n > 0);
    }
}
