package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.TrainingListener;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationWriter;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run configured from code instead of a YAML file, trained as {@code classify train}
 * trains: through the same composition root ({@link Classify}).
 *
 * <pre>{@code
 * TrainingRun run = TrainingRun.builder()
 *         .trainImages(Path.of("train.npy"), Path.of("train.csv"))
 *         .model("resnet", Map.of("depth", 18, "stem", "small"))
 *         .evalStep("normalize", Map.of("mean", List.of(0.286), "std", List.of(0.353)))
 *         .trainStep("random-flip", Map.of())
 *         .trainStep("normalize", Map.of("mean", List.of(0.286), "std", List.of(0.353)))
 *         .epochs(3)
 *         .set("train.optimizer", Map.of("type", "adam"))
 *         .build();                     // every configuration problem at once
 * TrainingResult result = run.train(Path.of("runs/from-code"));
 * }</pre>
 *
 * <p>The builder fills the same keys as the YAML file ({@link Builder#set} reaches any of them) and
 * {@link Builder#build} reads them through the same configuration loader: the defaults and error
 * messages are exactly those of the equivalent YAML file. Relative paths are resolved against the
 * working directory.
 *
 * <p>The public signatures use only this package's types, {@code dev.classify.api} and the JDK: an
 * application compiles against them and DJL alone.
 */
public final class TrainingRun {
    private final PipelineConfig config;
    private final Classify root;

    private TrainingRun(PipelineConfig config, Classify root) {
        this.config = config;
        this.root = root;
    }

    /** Returns a builder with the plugins on the class path. */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * Returns a builder with the plugins on the class path and in {@code pluginDirectory}.
     *
     * @throws ConfigurationException when two plugins share a name
     */
    public static Builder builder(Path pluginDirectory) {
        return new Builder(requireNonNull(pluginDirectory, "pluginDirectory is null"));
    }

    /** The validated configuration, with every default filled in. */
    PipelineConfig config() {
        return config;
    }

    /**
     * The validated configuration with every default filled in, as the run folder's {@code
     * config.yaml} will hold it: a read-only tree of maps, lists, strings, numbers and booleans.
     */
    public Map<String, Object> configuration() {
        return Collections.unmodifiableMap(new ConfigurationWriter().tree(config));
    }

    /**
     * Trains into {@code runDirectory} silently; see {@link #train(Path, TrainingListener)}.
     *
     * @throws IOException when the run folder cannot be written
     */
    public TrainingResult train(Path runDirectory) throws IOException {
        return train(runDirectory, new TrainingListener() {});
    }

    /**
     * Reads the data, checks that the configuration fits it, then trains and writes the run folder
     * that {@code classify train} writes ({@code model/}, {@code metrics.csv}, {@code
     * checkpoints/}...). Load the result with {@link ImageClassifier#load}.
     *
     * @param runDirectory the run folder: created if missing, and never an existing non-empty one
     * @param listener hears the run after the built-in listeners and the configuration's {@code
     *     listeners:} (see {@link TrainingListener}); called from this thread
     * @throws ConfigurationException when the configuration does not fit the data (e.g. the model's
     *     input channels)
     * @throws InvalidDataException when a data file is missing or bad, or {@code runDirectory} is
     *     not empty
     * @throws IOException when the run folder cannot be written
     */
    public TrainingResult train(Path runDirectory, TrainingListener listener) throws IOException {
        requireNonNull(runDirectory, "runDirectory is null");
        requireNonNull(listener, "listener is null");
        if (Files.exists(runDirectory) && !isEmptyDirectory(runDirectory)) {
            throw new InvalidDataException(
                    runDirectory,
                    "the run folder exists and is not empty; give a new or empty folder");
        }
        // Bad input fails here, before the folder is created.
        PreparedRun prepared = root.prepare(config);
        Files.createDirectories(runDirectory);
        // Messages of the run (engine, hold-out, files written) go to the log, not to a console
        // the application may not have.
        RunResult result =
                root.train(prepared, runDirectory, new LoggedMessages(), List.of(listener));
        return new TrainingResult(
                result.runDirectory(), result.epochs(), result.bestEpoch(), result.submission());
    }

    private static boolean isEmptyDirectory(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Collects configuration keys as a YAML file would hold them. Not thread safe. Values are plain
     * Java values as YAML reads them: numbers, strings, booleans, {@code List}s and {@code Map}s.
     */
    public static final class Builder {
        private static final YAMLMapper YAML = new YAMLMapper();

        private final Path pluginDirectory;
        private final Map<String, Object> tree = new LinkedHashMap<>();

        private Builder(Path pluginDirectory) {
            this.pluginDirectory = pluginDirectory;
        }

        /**
         * Sets the labelled training images ({@code data.train.images} and {@code
         * data.train.labels}), read by the default dataset type ({@code npy}).
         */
        public Builder trainImages(Path images, Path labels) {
            set("data.train.images", path(images));
            return set("data.train.labels", path(labels));
        }

        /**
         * Sets the training data read by the dataset plugin {@code type} ({@code data.train}) with
         * the plugin's own {@code options}, e.g. {@code ("npy", x, x, Map.of("array", "x_train",
         * "labelsArray", "y_train"))}.
         */
        public Builder trainImages(String type, Path images, Path labels, Map<String, ?> options) {
            Map<String, Object> source = new LinkedHashMap<>(options);
            source.put("type", type);
            source.put("images", path(images));
            source.put("labels", path(labels));
            return set("data.train", source);
        }

        /**
         * Sets the images predicted into {@code submission.csv} after training ({@code data.test}).
         */
        public Builder testImages(Path images) {
            return set("data.test.images", path(images));
        }

        /** Holds out {@code size} training images for validation ({@code data.validation.size}). */
        public Builder validationSize(int size) {
            return set("data.validation.size", size);
        }

        /** Holds out a fraction of the training images ({@code data.validation.fraction}). */
        public Builder validationFraction(double fraction) {
            return set("data.validation.fraction", fraction);
        }

        /**
         * Chooses the model plugin ({@code model.type}) and its options, e.g. {@code ("resnet",
         * Map.of("depth", 18))}; replaces an earlier choice.
         */
        public Builder model(String type, Map<String, ?> options) {
            Map<String, Object> model = new LinkedHashMap<>(options);
            model.put("type", type);
            return set("model", model);
        }

        /**
         * Appends a training augmentation step ({@code augment.train}), e.g. {@code random-flip}.
         */
        public Builder trainStep(String type, Map<String, ?> options) {
            return addStep("augment.train", step(type, options));
        }

        /**
         * Appends an evaluation augmentation step ({@code augment.eval}), e.g. {@code normalize}.
         */
        public Builder evalStep(String type, Map<String, ?> options) {
            return addStep("augment.eval", step(type, options));
        }

        private Builder addStep(String key, Map<String, Object> step) {
            List<Object> steps = new ArrayList<>();
            Object augment = tree.get("augment");
            if (augment instanceof Map<?, ?> map
                    && map.get(key.substring(8)) instanceof List<?> old) {
                steps.addAll(old);
            }
            steps.add(step);
            return set(key, steps);
        }

        /**
         * Appends a training listener plugin ({@code listeners}) with its options, e.g. {@code
         * ("json-lines", Map.of("file", "epochs.jsonl"))}; it hears the run after the built-in
         * listeners, in the order appended.
         */
        public Builder listener(String type, Map<String, ?> options) {
            List<Object> listeners = new ArrayList<>();
            if (tree.get("listeners") instanceof List<?> old) {
                listeners.addAll(old);
            }
            listeners.add(step(type, options));
            return set("listeners", listeners);
        }

        /** Sets {@code train.epochs}. */
        public Builder epochs(int epochs) {
            return set("train.epochs", epochs);
        }

        /** Sets {@code train.batchSize}. */
        public Builder batchSize(int batchSize) {
            return set("train.batchSize", batchSize);
        }

        /** Sets {@code train.optimizer}: {@code type} (sgd, adam, adamw) and its keys. */
        public Builder optimizer(String type, Map<String, ?> options) {
            Map<String, Object> optimizer = new LinkedHashMap<>(options);
            optimizer.put("type", type);
            return set("train.optimizer", optimizer);
        }

        /** Sets {@code train.scheduler}: {@code type} (constant, step, cosine...) and its keys. */
        public Builder scheduler(String type, Map<String, ?> options) {
            Map<String, Object> scheduler = new LinkedHashMap<>(options);
            scheduler.put("type", type);
            return set("train.scheduler", scheduler);
        }

        /** Sets {@code train.device}: auto, cpu, gpu or gpu:N. */
        public Builder device(String device) {
            return set("train.device", device);
        }

        /** Sets {@code train.seed}. */
        public Builder seed(long seed) {
            return set("train.seed", seed);
        }

        /**
         * Sets any configuration key by its dotted path, as {@code --set} does but with a Java
         * value: {@code set("train.optimizer.learningRate", 0.1)}, {@code set("model.channels",
         * List.of(16, 32))}. A map replaces the whole section below the key; list items are not
         * addressed by index (give the whole list).
         *
         * @throws IllegalArgumentException when the path is empty or crosses a key that holds a
         *     value other than a map
         */
        public Builder set(String key, Object value) {
            requireNonNull(key, "key is null");
            String[] parts = key.split("\\.", -1);
            for (String part : parts) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("not a configuration key: '" + key + "'");
                }
            }
            Map<String, Object> node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.get(parts[i]);
                if (child != null && !(child instanceof Map)) {
                    throw new IllegalArgumentException(
                            key + ": " + parts[i] + " holds " + child + ", not a map of keys");
                }
                // A copy: maps given by the caller may be immutable.
                Map<String, Object> next = new LinkedHashMap<>();
                if (child instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> next.put(String.valueOf(k), v));
                }
                node.put(parts[i], next);
                node = next;
            }
            node.put(parts[parts.length - 1], value instanceof Path file ? path(file) : value);
            return this;
        }

        /**
         * Validates the configuration as a YAML file with these keys is validated, reporting every
         * problem at once, and returns the run.
         *
         * @throws ConfigurationException listing every problem, each with its configuration path
         * @throws IllegalArgumentException when a value is not a plain YAML value
         */
        public TrainingRun build() {
            Classify root = Classify.forPlugins(pluginDirectory);
            String text;
            try {
                text = YAML.writeValueAsString(tree);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "a configuration value is not a plain YAML value: "
                                + e.getOriginalMessage(),
                        e);
            }
            Path workingDirectory = Path.of("").toAbsolutePath();
            PipelineConfig config =
                    root.configurationLoader()
                            .parse(text, workingDirectory, List.of(), Path.of("TrainingRun"));
            return new TrainingRun(config, root);
        }

        private static Map<String, Object> step(String type, Map<String, ?> options) {
            requireNonNull(type, "type is null");
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("type", type);
            step.putAll(options);
            return step;
        }

        private static String path(Path path) {
            return requireNonNull(path, "path is null").toAbsolutePath().toString();
        }
    }
}
