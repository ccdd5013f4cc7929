package dev.classify.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Problems;
import dev.classify.engine.plugin.DatasetTypes;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML configuration into a validated {@link PipelineConfig}, applying {@code --set
 * key.path=value} overrides first. Every problem (unknown keys, wrong types, values out of range)
 * is collected and reported at once, each with its configuration path.
 *
 * <p>Paths under {@code data} are resolved against the configuration file's folder. Thread safe.
 */
public final class ConfigurationLoader {
    private static final Set<String> SECTIONS =
            Set.of("data", "model", "augment", "train", "output", "engine", "listeners");
    private static final Set<String> DATA_KEYS = Set.of("train", "test", "validation");
    private static final Set<String> AUGMENT_KEYS = Set.of("train", "eval");
    private static final String STEP_EXAMPLE = "{type: random-flip}";
    private static final String LISTENER_EXAMPLE = "{type: json-lines, file: epochs.jsonl}";

    private final ObjectMapper mapper;
    private final YamlTree yaml;
    private final PluginCatalog catalog;

    /** Creates a loader that checks the configuration alone, not the plugins it names. */
    public ConfigurationLoader() {
        this(null);
    }

    /**
     * Creates a loader that also checks that every plugin named exists and accepts its options, so
     * that these problems are reported together with the others.
     *
     * @param catalog the plugins; {@code null} to skip these checks
     */
    @Inject
    public ConfigurationLoader(PluginCatalog catalog) {
        this.catalog = catalog;
        this.mapper =
                new ObjectMapper(YamlTree.factory())
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.yaml = new YamlTree(mapper);
    }

    /**
     * Reads a command-line value as YAML, as {@code --set} does: {@code 3} is a number, {@code [16,
     * 32]} a list, {@code small} a string.
     *
     * @throws ConfigurationException when {@code text} is not a YAML value
     */
    public Object parseValue(String key, String text) {
        return mapper.convertValue(yaml.readValue(text, key), Object.class);
    }

    /**
     * Loads {@code file}, applies {@code overrides} and validates the result.
     *
     * @param file the YAML configuration
     * @param overrides {@code key.path=value} strings, applied in order; {@code value} is read as
     *     YAML, so {@code 3} is a number and {@code [1, 2]} a list
     * @throws InvalidDataException when the file cannot be read or is not YAML
     * @throws ConfigurationException listing every problem with the configuration
     */
    public PipelineConfig load(Path file, List<String> overrides) {
        String text = YamlTree.readFile(file);
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, folder, overrides, file);
    }

    /**
     * Parses YAML {@code text} as if read from {@code source}, resolving data paths against {@code
     * baseDirectory}.
     *
     * @throws InvalidDataException when {@code text} is not YAML
     * @throws ConfigurationException listing every problem with the configuration
     */
    public PipelineConfig parse(
            String text, Path baseDirectory, List<String> overrides, Path source) {
        JsonNode root = yaml.readDocument(text, source);
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        Problems problems = new Problems();
        if (!root.isObject()) {
            problems.add(
                    String.valueOf(source),
                    "expected a map with the sections data, model, augment, train, output; got "
                            + (root.isArray() ? "a list" : "a single value"));
            problems.throwIfAny();
        }
        ObjectNode tree = (ObjectNode) root;
        ConfigurationOverrides setter = new ConfigurationOverrides(yaml);
        for (String override : overrides) {
            setter.apply(tree, override, problems);
        }
        checkKeys(tree, "", SECTIONS, problems);

        DataConfig data = readData(tree.get("data"), baseDirectory, problems);
        ModelConfig model = readModel(tree.get("model"), problems);
        AugmentConfig augment = readAugment(tree.get("augment"), problems);
        TrainConfig train = read(tree.get("train"), "train", TrainConfig.class, problems);
        OutputConfig output = read(tree.get("output"), "output", OutputConfig.class, problems);
        String engine = readEngine(tree.get("engine"), problems);
        List<PluginConfig> listeners =
                readSteps(tree.get("listeners"), "listeners", LISTENER_EXAMPLE, problems);
        if (data == null) {
            if (tree.get("data") == null || tree.get("data").isNull()) {
                problems.add("data", "is required: give data.train.images and data.train.labels");
            }
            problems.throwIfAny();
        }
        PipelineConfig config =
                new PipelineConfig(data, model, augment, train, output, engine, listeners);
        config.validate(problems);
        if (catalog != null) {
            catalog.check(config, problems);
        }
        problems.throwIfAny();
        return config;
    }

    /** The top-level {@code engine} name, checked against the known engines; null if absent. */
    private static String readEngine(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add("engine", "expected an engine name, one of " + EngineChoice.KNOWN);
            return null;
        }
        EngineChoice.check("engine", node.asText(), problems);
        return node.asText();
    }

    private DataConfig readData(JsonNode node, Path baseDirectory, Problems problems) {
        if (!isObject(node, "data", problems)) {
            return null;
        }
        checkKeys(node, "data", DATA_KEYS, problems);
        SourceConfig train = readSource(node.get("train"), "data.train", baseDirectory, problems);
        SourceConfig test = readSource(node.get("test"), "data.test", baseDirectory, problems);
        ValidationConfig validation =
                readValidation(node.get("validation"), baseDirectory, problems);
        return new DataConfig(train, test, validation);
    }

    /**
     * A drawn hold-out ({@code size}, {@code fraction}, {@code seed}, {@code stratified}), a
     * written one ({@code ids}), or, when {@code images}, {@code labels} or {@code type} is given,
     * validation files of their own, read like {@code data.train} (other keys are the plugin's
     * options, so the hold-out keys are rejected there).
     */
    private ValidationConfig readValidation(JsonNode node, Path baseDirectory, Problems problems) {
        if (!isObject(node, "data.validation", problems)) {
            return null;
        }
        if (node.has("source")) {
            problems.add(
                    "data.validation.source",
                    "unknown key 'source'; give images, labels and type directly under"
                            + " data.validation");
            ((ObjectNode) node).remove("source");
        }
        if (!node.has("images") && !node.has("labels") && !node.has("type")) {
            ValidationConfig drawn =
                    read(node, "data.validation", ValidationConfig.class, problems);
            if (drawn == null || drawn.ids() == null) {
                return drawn;
            }
            return new ValidationConfig(
                    drawn.size(),
                    drawn.fraction(),
                    drawn.seed(),
                    drawn.stratified(),
                    resolve(drawn.ids(), baseDirectory),
                    null);
        }
        ObjectNode files = ((ObjectNode) node).deepCopy();
        for (String key : List.of("size", "fraction", "seed", "stratified", "ids")) {
            if (files.has(key)) {
                problems.add(
                        "data.validation." + key,
                        "draws or lists a hold-out from data.train, but data.validation.images"
                                + " gives validation files of their own; remove "
                                + key
                                + " or images");
                files.remove(key);
            }
        }
        SourceConfig source = readSource(files, "data.validation", baseDirectory, problems);
        return source == null ? null : ValidationConfig.of(source);
    }

    private SourceConfig readSource(
            JsonNode node, String path, Path baseDirectory, Problems problems) {
        if (!isObject(node, path, problems)) {
            return null;
        }
        Map<String, Object> options = toMap(node);
        String type = takeString(options, "type", path, problems);
        String images = resolve(takeString(options, "images", path, problems), baseDirectory);
        String labels = resolve(takeString(options, "labels", path, problems), baseDirectory);
        if (type == null && images != null) {
            type = DatasetTypes.infer(Path.of(images), labels != null);
        }
        return new SourceConfig(type, images, labels, options);
    }

    private ModelConfig readModel(JsonNode node, Problems problems) {
        if (!isObject(node, "model", problems)) {
            return null;
        }
        Map<String, Object> options = toMap(node);
        String type = takeString(options, "type", "model", problems);
        Integer inputChannels = takeInteger(options, "inputChannels", "model", problems);
        Integer numClasses = takeInteger(options, "numClasses", "model", problems);
        return new ModelConfig(type, inputChannels, numClasses, options);
    }

    private AugmentConfig readAugment(JsonNode node, Problems problems) {
        if (!isObject(node, "augment", problems)) {
            return null;
        }
        checkKeys(node, "augment", AUGMENT_KEYS, problems);
        return new AugmentConfig(
                readSteps(node.get("train"), "augment.train", STEP_EXAMPLE, problems),
                readSteps(node.get("eval"), "augment.eval", STEP_EXAMPLE, problems));
    }

    /**
     * A list of plugin entries ({@code augment.train}, {@code listeners}): each {@code {type: NAME,
     * ...options}} or a bare name; {@code example} is one entry, for messages.
     */
    private List<PluginConfig> readSteps(
            JsonNode node, String path, String example, Problems problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            String kind = example.equals(LISTENER_EXAMPLE) ? "listeners" : "steps";
            problems.add(path, "expected a list of " + kind + " such as [" + example + "]");
            return List.of();
        }
        List<PluginConfig> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String stepPath = path + "[" + i + "]";
            if (step.isTextual()) {
                steps.add(new PluginConfig(step.asText(), Map.of()));
            } else if (step.isObject()) {
                Map<String, Object> options = toMap(step);
                String type = takeString(options, "type", stepPath, problems);
                if (type == null) {
                    problems.add(stepPath + ".type", "is required, e.g. " + example);
                } else {
                    steps.add(new PluginConfig(type, options));
                }
            } else {
                problems.add(stepPath, "expected {type: NAME, ...options}, got " + step);
            }
        }
        return steps;
    }

    private <T> T read(JsonNode node, String path, Class<T> type, Problems problems) {
        return new SectionReader(mapper).read(node, path, type, problems);
    }

    private static void checkKeys(
            JsonNode node, String path, Set<String> known, Problems problems) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String where = path.isEmpty() ? name : path + "." + name;
                problems.add(where, "unknown key '" + name + "'; known: " + new TreeSet<>(known));
            }
        }
    }

    private static boolean isObject(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            problems.add(path, "expected a map of keys and values, got " + node);
            return false;
        }
        return true;
    }

    private Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        e -> map.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        return map;
    }

    private static String takeString(
            Map<String, Object> options, String key, String path, Problems problems) {
        Object value = options.remove(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(path + "." + key, "expected a single value, got " + value);
            return null;
        }
        return value.toString();
    }

    private static Integer takeInteger(
            Map<String, Object> options, String key, String path, Problems problems) {
        Object value = options.remove(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer integer) {
            return integer;
        }
        problems.add(path + "." + key, "expected an integer, got " + value);
        return null;
    }

    private static String resolve(String path, Path baseDirectory) {
        if (path == null) {
            return null;
        }
        return baseDirectory.resolve(path).normalize().toString();
    }
}
