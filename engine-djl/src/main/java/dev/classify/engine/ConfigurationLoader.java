package dev.classify.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Problems;
import dev.classify.api.config.AugmentConfig;
import dev.classify.api.config.DataConfig;
import dev.classify.api.config.ModelConfig;
import dev.classify.api.config.OutputConfig;
import dev.classify.api.config.PipelineConfig;
import dev.classify.api.config.PluginConfig;
import dev.classify.api.config.SourceConfig;
import dev.classify.api.config.TrainConfig;
import dev.classify.api.config.ValidationConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration into a validated {@link PipelineConfig}, applying {@code --set
 * key.path=value} overrides first. Every problem (unknown keys, wrong types, values out of range)
 * is collected and reported at once, each with its configuration path.
 *
 * <p>Paths under {@code data} are resolved against the configuration file's folder. Thread safe.
 */
public final class ConfigurationLoader {
    private static final Set<String> SECTIONS =
            Set.of("data", "model", "augment", "train", "output");
    private static final Set<String> DATA_KEYS = Set.of("train", "test", "validation");
    private static final Set<String> AUGMENT_KEYS = Set.of("train", "eval");

    private final ObjectMapper mapper;
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
                new ObjectMapper(new YAMLFactory())
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "configuration file not found; check the path");
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(
                    file, "permission denied reading the configuration; check its permissions");
        } catch (MalformedInputException e) {
            throw new InvalidDataException(
                    file, "the configuration is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "is a folder" : e.getMessage();
            throw new InvalidDataException(
                    file, "cannot read the configuration (" + reason + "); give a YAML file");
        }
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
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidDataException(
                    source, "not valid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
        }
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
        for (String override : overrides) {
            applyOverride(tree, override, problems);
        }
        checkKeys(tree, "", SECTIONS, problems);

        DataConfig data = readData(tree.get("data"), baseDirectory, problems);
        ModelConfig model = readModel(tree.get("model"), problems);
        AugmentConfig augment = readAugment(tree.get("augment"), problems);
        TrainConfig train = read(tree.get("train"), "train", TrainConfig.class, problems);
        OutputConfig output = read(tree.get("output"), "output", OutputConfig.class, problems);
        if (data == null) {
            if (tree.get("data") == null || tree.get("data").isNull()) {
                problems.add("data", "is required: give data.train.images and data.train.labels");
            }
            problems.throwIfAny();
        }
        PipelineConfig config = new PipelineConfig(data, model, augment, train, output);
        config.validate(problems);
        if (catalog != null) {
            catalog.check(config, problems);
        }
        problems.throwIfAny();
        return config;
    }

    private DataConfig readData(JsonNode node, Path baseDirectory, Problems problems) {
        if (!isObject(node, "data", problems)) {
            return null;
        }
        checkKeys(node, "data", DATA_KEYS, problems);
        SourceConfig train = readSource(node.get("train"), "data.train", baseDirectory, problems);
        SourceConfig test = readSource(node.get("test"), "data.test", baseDirectory, problems);
        ValidationConfig validation =
                read(node.get("validation"), "data.validation", ValidationConfig.class, problems);
        return new DataConfig(train, test, validation);
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
                readSteps(node.get("train"), "augment.train", problems),
                readSteps(node.get("eval"), "augment.eval", problems));
    }

    private List<PluginConfig> readSteps(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(path, "expected a list of steps such as [{type: random-flip}]");
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
                    problems.add(stepPath + ".type", "is required, e.g. {type: random-flip}");
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
        if (node == null || node.isNull()) {
            return null;
        }
        // Jackson stops at the first problem: drop the offending key and read again, so that every
        // problem of the section is reported and its other values are still validated.
        JsonNode remaining = node.deepCopy();
        while (true) {
            try {
                return mapper.treeToValue(remaining, type);
            } catch (UnrecognizedPropertyException e) {
                List<String> known =
                        e.getKnownPropertyIds().stream()
                                .map(Object::toString)
                                .sorted()
                                .collect(Collectors.toList());
                problems.add(
                        pathOf(path, e),
                        "unknown key '" + e.getPropertyName() + "'; known: " + known);
                if (!remove(remaining, e.getPath())) {
                    return null;
                }
            } catch (JsonMappingException e) {
                problems.add(pathOf(path, e), describe(e));
                if (!remove(remaining, e.getPath())) {
                    return null;
                }
            } catch (JacksonException e) {
                problems.add(path, firstLine(e.getOriginalMessage()));
                return null;
            }
        }
    }

    /** Removes the value at {@code references} from {@code root}; false when there is none. */
    private static boolean remove(JsonNode root, List<JsonMappingException.Reference> references) {
        if (references.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (int i = 0; i < references.size() - 1 && parent != null; i++) {
            JsonMappingException.Reference reference = references.get(i);
            parent =
                    reference.getFieldName() != null
                            ? parent.get(reference.getFieldName())
                            : parent.get(reference.getIndex());
        }
        String key = references.get(references.size() - 1).getFieldName();
        if (parent instanceof ObjectNode object && key != null && object.has(key)) {
            object.remove(key);
            return true;
        }
        return false;
    }

    private static String pathOf(String base, JsonMappingException e) {
        StringBuilder path = new StringBuilder(base);
        List<JsonMappingException.Reference> references = e.getPath();
        for (int i = 0; i < references.size(); i++) {
            JsonMappingException.Reference reference = references.get(i);
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException e) {
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Numeric value (") && message.contains("out of range")) {
            return "number out of range" + valueOf(message);
        }
        if (message.contains("`java.lang.Integer`") || message.contains("`int`")) {
            return "expected an integer" + valueOf(message);
        }
        if (message.contains("`java.lang.Long`")) {
            return "expected an integer" + valueOf(message);
        }
        if (message.contains("`java.lang.Double`")) {
            return "expected a number" + valueOf(message);
        }
        if (message.contains("`java.lang.Boolean`")) {
            return "expected true or false" + valueOf(message);
        }
        if (message.contains("from Object value") || message.contains("from Array value")) {
            return "expected a single value, not a map or list";
        }
        if (message.contains("`dev.classify")) {
            return "expected a map of keys and values";
        }
        return message;
    }

    private static String valueOf(String jacksonMessage) {
        int start = jacksonMessage.indexOf(" from String \"");
        if (start >= 0) {
            int end = jacksonMessage.indexOf('"', start + 14);
            return ", got '" + jacksonMessage.substring(start + 14, end) + "'";
        }
        int number = jacksonMessage.indexOf("Floating-point value (");
        if (number >= 0) {
            return ", got "
                    + jacksonMessage.substring(number + 22, jacksonMessage.indexOf(')', number));
        }
        return "";
    }

    private void applyOverride(ObjectNode root, String override, Problems problems) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            problems.add("--set " + override, "expected key.path=value, e.g. train.epochs=3");
            return;
        }
        String key = override.substring(0, equals).trim();
        JsonNode value;
        try {
            value = mapper.readTree(override.substring(equals + 1));
        } catch (JacksonException e) {
            problems.add(
                    "--set " + key,
                    "value is not valid YAML: " + firstLine(e.getOriginalMessage()));
            return;
        }
        if (value == null || value.isMissingNode()) {
            value = JsonNodeFactory.instance.nullNode();
        }
        String[] parts = key.split("\\.");
        JsonNode current = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int index = -1;
            int bracket = part.indexOf('[');
            if (bracket >= 0 && part.endsWith("]")) {
                try {
                    index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                } catch (NumberFormatException e) {
                    problems.add("--set " + key, "bad list index in '" + part + "'");
                    return;
                }
                part = part.substring(0, bracket);
            }
            if (part.isEmpty() || !current.isObject()) {
                problems.add("--set " + key, "'" + part + "' is not a key of a map");
                return;
            }
            ObjectNode object = (ObjectNode) current;
            boolean lastPart = i == parts.length - 1;
            if (index < 0) {
                if (lastPart) {
                    object.set(part, value);
                    if (key.equals("data.validation.size")) {
                        object.remove("fraction");
                    } else if (key.equals("data.validation.fraction")) {
                        object.remove("size");
                    }
                    return;
                }
                JsonNode next = object.get(part);
                if (next == null || next.isNull()) {
                    next = object.putObject(part);
                }
                current = next;
            } else {
                JsonNode list = object.get(part);
                if (list == null || !list.isArray() || index > list.size()) {
                    problems.add(
                            "--set " + key,
                            part
                                    + " has no element "
                                    + index
                                    + " to set (list indices start at 0)");
                    return;
                }
                ArrayNode array = (ArrayNode) list;
                if (lastPart) {
                    if (index == array.size()) {
                        array.add(value);
                    } else {
                        array.set(index, value);
                    }
                    return;
                }
                if (index == array.size()) {
                    array.addObject();
                }
                current = array.get(index);
            }
        }
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
