package dev.classify.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A run folder written by {@code classify train}, read back to compare runs and to report on one:
 * its {@code metrics.csv} (required), {@code config.yaml} and {@code model/classify-model.json}
 * (both optional). A part that is missing or unreadable is left out and named in {@link
 * #problems()}; only {@code metrics.csv} must be there. Immutable.
 */
public final class RunFolder {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path path;
    private final List<EpochMetrics> epochs;
    private final Optional<String> configuration;
    private final Optional<ModelFacts> model;
    private final List<String> problems;

    private RunFolder(
            Path path,
            List<EpochMetrics> epochs,
            Optional<String> configuration,
            Optional<ModelFacts> model,
            List<String> problems) {
        this.path = path;
        this.epochs = List.copyOf(epochs);
        this.configuration = configuration;
        this.model = model;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads the run folder at {@code path}.
     *
     * @throws InvalidDataException when {@code path} is not a folder, has no {@code metrics.csv},
     *     or its metrics are unreadable or hold no finished epoch
     */
    public static RunFolder read(Path path) {
        requireNonNull(path, "path is null");
        if (!Files.isDirectory(path)) {
            throw new InvalidDataException(
                    path,
                    (Files.exists(path) ? "is a file" : "folder not found")
                            + ", not a run folder; give a folder written by 'classify train'");
        }
        Path metricsFile = path.resolve(RunFiles.METRICS);
        if (!Files.isRegularFile(metricsFile)) {
            throw new InvalidDataException(
                    path,
                    "not a run folder (no "
                            + RunFiles.METRICS
                            + "); give a folder written by 'classify train' that finished an"
                            + " epoch");
        }
        List<EpochMetrics> epochs = MetricsFile.read(metricsFile);
        if (epochs.isEmpty()) {
            throw new InvalidDataException(
                    metricsFile,
                    "no finished epoch; train the run for at least one epoch (classify train"
                            + " --resume "
                            + path
                            + ")");
        }
        List<String> problems = new ArrayList<>();
        Optional<String> configuration = Optional.empty();
        Path configFile = path.resolve(RunFiles.CONFIG);
        if (Files.isRegularFile(configFile)) {
            try {
                configuration = Optional.of(Files.readString(configFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(configFile + ": unreadable (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            problems.add(configFile + ": not found");
        }
        Optional<ModelFacts> model = Optional.empty();
        Path descriptionFile = path.resolve(RunFiles.MODEL).resolve(RunFiles.MODEL_DESCRIPTION);
        if (Files.isRegularFile(descriptionFile)) {
            try {
                model = Optional.of(ModelFacts.read(descriptionFile));
            } catch (InvalidDataException e) {
                problems.add(e.getMessage());
            }
        } else {
            problems.add(descriptionFile + ": not found");
        }
        return new RunFolder(path, epochs, configuration, model, problems);
    }

    /**
     * Returns a label for each run, in order: its folder name, or the path as given where two runs
     * share a folder name.
     */
    public static List<String> labels(List<RunFolder> runs) {
        Map<String, Long> counts =
                runs.stream()
                        .collect(Collectors.groupingBy(RunFolder::name, Collectors.counting()));
        return runs.stream()
                .map(run -> counts.get(run.name()) > 1 ? run.path().toString() : run.name())
                .toList();
    }

    /** Returns the folder as given. */
    Path path() {
        return path;
    }

    /** Returns the folder's name, e.g. {@code quickstart-2}. */
    String name() {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.getFileName() == null
                ? absolute.toString()
                : absolute.getFileName().toString();
    }

    /** Returns every finished epoch's metrics, in order; never empty. */
    List<EpochMetrics> epochs() {
        return epochs;
    }

    /** Returns the text of {@code config.yaml}, when present. */
    Optional<String> configuration() {
        return configuration;
    }

    /** Returns the saved model's description, when present and readable. */
    Optional<ModelFacts> model() {
        return model;
    }

    /** Returns what could not be read (a missing configuration or model description). */
    public List<String> problems() {
        return problems;
    }

    /** Returns {@code relative} inside the folder when it is a regular file. */
    Optional<Path> file(String relative) {
        Path file = path.resolve(relative);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Returns whether the epochs were measured on a hold-out. */
    public boolean hasValidation() {
        return epochs.stream().anyMatch(EpochMetrics::hasValidation);
    }

    /**
     * Returns the epoch with the highest validation accuracy (the earliest of equals, as training
     * keeps it), or empty without a hold-out.
     */
    Optional<EpochMetrics> bestEpoch() {
        EpochMetrics best = null;
        for (EpochMetrics epoch : epochs) {
            if (epoch.hasValidation()
                    && (best == null || epoch.validationAccuracy() > best.validationAccuracy())) {
                best = epoch;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Returns the first epoch whose validation accuracy is at least {@code accuracy}, or empty if
     * none reached it (or the run had no hold-out).
     */
    Optional<EpochMetrics> firstReaching(double accuracy) {
        return epochs.stream()
                .filter(e -> e.hasValidation() && e.validationAccuracy() >= accuracy)
                .findFirst();
    }

    /**
     * Returns the summed wall time, in seconds, of the epochs up to and including {@code epoch}:
     * the training time it took to get there (without the process start and the final evaluation).
     */
    double secondsThrough(int epoch) {
        return epochs.stream()
                .filter(e -> e.epoch() <= epoch)
                .mapToDouble(EpochMetrics::epochSeconds)
                .sum();
    }

    /** Returns the last finished epoch. */
    EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }

    /** Returns the summed wall time of the epochs (training and validation), in seconds. */
    double wallSeconds() {
        return epochs.stream().mapToDouble(EpochMetrics::epochSeconds).sum();
    }

    /** Returns the mean of the epochs' training images per second. */
    double meanImagesPerSecond() {
        return epochs.stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(0);
    }

    /**
     * Returns the architecture with its options, e.g. {@code resnet depth=18 stem=small}: from the
     * model description, else from {@code config.yaml}, else {@code ?}.
     */
    String modelName() {
        if (model.isPresent()) {
            return describe(model.get().modelType(), model.get().modelOptions());
        }
        if (configuration.isPresent()) {
            try {
                JsonNode section = YAML.readTree(configuration.get()).path("model");
                if (section.path("type").isTextual()) {
                    Map<String, Object> options = new LinkedHashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> fields = section.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        if (!field.getKey().equals("type")) {
                            options.put(
                                    field.getKey(),
                                    YAML.treeToValue(field.getValue(), Object.class));
                        }
                    }
                    return describe(section.path("type").asText(), options);
                }
            } catch (IOException e) {
                // Reported as "?" below: the name is a convenience, not needed to compare.
            }
        }
        return "?";
    }

    /**
     * Counts the model's trainable parameters with {@code counter}; empty without a readable model
     * description.
     */
    public OptionalLong parameters(ParameterCounter counter) {
        requireNonNull(counter, "counter is null");
        return model.isEmpty() ? OptionalLong.empty() : counter.count(path.resolve(RunFiles.MODEL));
    }

    private static String describe(String type, Map<String, Object> options) {
        StringBuilder text = new StringBuilder(type);
        options.forEach(
                (key, value) -> text.append(' ').append(key).append('=').append(format(value)));
        return text.toString();
    }

    private static String format(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(RunFolder::format).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }
}
