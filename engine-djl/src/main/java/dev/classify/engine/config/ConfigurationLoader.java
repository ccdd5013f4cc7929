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
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final Set<String> AUGMENT_KEYS = Set.of("train", "eval", "tta");
    private static final String STEP_EXAMPLE = "{type: random-flip}";
    private static final String LISTENER_EXAMPLE = "{type: json-lines, file: epochs.jsonl}";

    private final ObjectMapper mapper;
    private final YamlTree yaml;
    private final SectionNodes nodes;
    private final DataSectionReader dataReader;
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
        this.nodes = new SectionNodes(mapper);
        this.dataReader = new DataSectionReader(nodes);
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
        nodes.checkKeys(tree, "", SECTIONS, problems);

        DataConfig data = dataReader.read(tree.get("data"), baseDirectory, problems);
        ModelConfig model = readModel(tree.get("model"), baseDirectory, problems);
        AugmentConfig augment = readAugment(tree.get("augment"), problems);
        TrainConfig train = nodes.read(tree.get("train"), "train", TrainConfig.class, problems);
        OutputConfig output =
                nodes.read(tree.get("output"), "output", OutputConfig.class, problems);
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

    private ModelConfig readModel(JsonNode node, Path baseDirectory, Problems problems) {
        if (!nodes.isObject(node, "model", problems)) {
            return null;
        }
        Map<String, Object> options = nodes.toMap(node);
        String type = SectionNodes.takeString(options, "type", "model", problems);
        Integer inputChannels =
                SectionNodes.takeInteger(options, "inputChannels", "model", problems);
        Integer numClasses = SectionNodes.takeInteger(options, "numClasses", "model", problems);
        PretrainedConfig pretrained =
                PretrainedReader.read(options.remove("pretrained"), baseDirectory, problems);
        return new ModelConfig(type, inputChannels, numClasses, options, pretrained);
    }

    private AugmentConfig readAugment(JsonNode node, Problems problems) {
        if (!nodes.isObject(node, "augment", problems)) {
            return null;
        }
        nodes.checkKeys(node, "augment", AUGMENT_KEYS, problems);
        return new AugmentConfig(
                readSteps(node.get("train"), "augment.train", STEP_EXAMPLE, problems),
                readSteps(node.get("eval"), "augment.eval", STEP_EXAMPLE, problems),
                readViews(node.get("tta"), problems));
    }

    /**
     * {@code augment.tta}: a list of view names such as {@code [flip, shift]}, or one string of
     * them separated by commas (as {@code --set augment.tta=flip,shift} gives it); {@code none} or
     * an empty list for none. The names are checked by {@link AugmentConfig#validate}.
     */
    private static List<String> readViews(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> views = new ArrayList<>();
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty() || text.equals("none")) {
                return List.of();
            }
            for (String part : text.split(",", -1)) {
                views.add(part.trim());
            }
            return views;
        }
        if (!node.isArray()) {
            problems.add("augment.tta", "expected a list of views such as [flip], got " + node);
            return List.of();
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode view = node.get(i);
            if (view.isTextual()) {
                views.add(view.asText().trim());
            } else {
                problems.add(
                        "augment.tta[" + i + "]",
                        "expected a view name (flip, shift or shift2), got " + view);
            }
        }
        return views;
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
                Map<String, Object> options = nodes.toMap(step);
                String type = SectionNodes.takeString(options, "type", stepPath, problems);
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
}
