package dev.classify.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginOrigin;
import dev.classify.report.JsonFile;
import dev.classify.report.RunFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a saved model needs besides its parameters to predict again: the architecture, the image
 * shape it was trained on, the class names and the evaluation augmentation, and what built the
 * network. Stored as {@code classify-model.json} beside DJL's {@code model-0000.params}.
 *
 * <p>The network is built from {@link #effectiveOptions()}: the options the configuration gave over
 * the defaults the model plugin declared when the model was trained, so that a plugin whose
 * defaults changed since still builds the trained network. Files written before these were recorded
 * ({@code modelDefaults} and {@code modelPlugin} absent) load with today's defaults.
 *
 * @param format the file format version, 1
 * @param engine the DJL engine that trained it, e.g. {@code MXNet}; the parameters are in DJL's own
 *     format, which either engine loads
 * @param modelType the model plugin's name
 * @param modelOptions the model options the configuration gave
 * @param modelDefaults the model plugin's declared default (its {@code options()}) of every option
 *     the configuration left out, as YAML reads it ({@code "4"} is the number 4, {@code "[10, 20]"}
 *     a list); a default that is a phrase rather than a value the plugin accepts (e.g. {@code small
 *     up to 64x64 inputs, else imagenet}) is left out; empty when not recorded
 * @param modelPlugin the model plugin that built the network, or {@code null} when not recorded
 * @param imageShape the (C, H, W) of the images before augmentation
 * @param inputShape the (C, H, W) the network takes, after the evaluation augmentation
 * @param classNames the class names, indexed by class
 * @param eval the evaluation augmentation steps, each {@code {type: NAME, ...options}}
 * @param tta the test-time augmentation views the run validated and predicted with ({@code
 *     augment.tta}, e.g. {@code [flip]}), which {@code classify predict} uses unless told
 *     otherwise; empty (and absent from the file) for the image alone, as in files written before
 *     it was recorded
 */
public record ModelDescription(
        int format,
        String engine,
        String modelType,
        Map<String, Object> modelOptions,
        Map<String, Object> modelDefaults,
        @JsonInclude(JsonInclude.Include.NON_NULL) Plugin modelPlugin,
        int[] imageShape,
        int[] inputShape,
        List<String> classNames,
        List<Map<String, Object>> eval,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tta) {

    /** The name of the description file inside a model folder. */
    public static final String FILE_NAME = RunFiles.MODEL_DESCRIPTION;

    /** The format version this release writes and reads. */
    public static final int FORMAT = 1;

    /**
     * The model plugin that built a saved network.
     *
     * @param className the fully qualified name of its provider class
     * @param jar the file name of its plugin jar (no folder), or {@code null} for the class path
     * @param version its jar's {@code Implementation-Version}, else {@code sha256:} and 12
     *     hexadecimal digits of the jar's SHA-256 ({@code unversioned} outside any jar)
     */
    public record Plugin(String className, String jar, String version) {
        /** Returns what {@code origin} records: its class, jar file name and version. */
        static Plugin of(PluginOrigin origin) {
            return new Plugin(
                    origin.className(),
                    origin.jar().map(file -> file.getFileName().toString()).orElse(null),
                    origin.version());
        }

        /** Whether {@code other} is the same class in the same version. */
        boolean sameBuild(Plugin other) {
            return Objects.equals(className, other.className)
                    && Objects.equals(version, other.version);
        }

        /**
         * The plugin in a few words for messages, e.g. {@code com.example.Wrn from wrn.jar, version
         * 1.2}.
         */
        String describe() {
            return className
                    + " from "
                    + (jar == null ? "the class path" : jar)
                    + ", version "
                    + version;
        }
    }

    /** Treats absent option maps and views as empty. */
    public ModelDescription {
        modelOptions = modelOptions == null ? Map.of() : modelOptions;
        modelDefaults = modelDefaults == null ? Map.of() : modelDefaults;
        tta = tta == null ? List.of() : tta;
    }

    /** Describes a model validated and predicted without test-time augmentation. */
    public ModelDescription(
            int format,
            String engine,
            String modelType,
            Map<String, Object> modelOptions,
            Map<String, Object> modelDefaults,
            Plugin modelPlugin,
            int[] imageShape,
            int[] inputShape,
            List<String> classNames,
            List<Map<String, Object>> eval) {
        this(
                format,
                engine,
                modelType,
                modelOptions,
                modelDefaults,
                modelPlugin,
                imageShape,
                inputShape,
                classNames,
                eval,
                List.of());
    }

    /**
     * Describes a model without recording what built it (no defaults, no plugin); {@link
     * #withProvenance} adds them.
     */
    public ModelDescription(
            int format,
            String engine,
            String modelType,
            Map<String, Object> modelOptions,
            int[] imageShape,
            int[] inputShape,
            List<String> classNames,
            List<Map<String, Object>> eval) {
        this(
                format,
                engine,
                modelType,
                modelOptions,
                Map.of(),
                null,
                imageShape,
                inputShape,
                classNames,
                eval,
                List.of());
    }

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

    /** Returns the specification of the described network, with its {@link #effectiveOptions}. */
    public ModelSpec spec() {
        return specOf(inputShape, classNames.size(), effectiveOptions());
    }

    /**
     * Returns the options the network was built with: {@link #modelDefaults} overridden by {@link
     * #modelOptions}.
     */
    public Map<String, Object> effectiveOptions() {
        Map<String, Object> options = new LinkedHashMap<>(modelDefaults);
        options.putAll(modelOptions);
        return options;
    }

    /** Returns the model plugin that built the network, when recorded. */
    public Optional<Plugin> plugin() {
        return Optional.ofNullable(modelPlugin);
    }

    /**
     * Returns this description with what built its network recorded: the model plugin's class, jar
     * file name and version, and its declared defaults of the options not given ({@link
     * #modelDefaults}). Builds the network's block (no native memory) to check the defaults.
     *
     * @throws dev.classify.api.ConfigurationException when {@code catalog} has no such model plugin
     */
    public ModelDescription withProvenance(PluginCatalog catalog) {
        return ModelProvenance.record(this, catalog);
    }

    /** Returns this description with {@code defaults} and {@code plugin} recorded. */
    ModelDescription with(Map<String, Object> defaults, Plugin plugin) {
        return new ModelDescription(
                format,
                engine,
                modelType,
                modelOptions,
                defaults,
                plugin,
                imageShape,
                inputShape,
                classNames,
                eval,
                tta);
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

    private static boolean isShape(int[] shape) {
        return shape != null && shape.length == 3 && Arrays.stream(shape).allMatch(n -> n > 0);
    }
}
