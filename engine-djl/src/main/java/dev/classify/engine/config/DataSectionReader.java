package dev.classify.engine.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classify.api.Problems;
import dev.classify.engine.plugin.DatasetTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code data} section: the training and test sources and the hold-out, with file paths
 * resolved against the configuration file's folder. Thread safe.
 */
final class DataSectionReader {
    private static final Set<String> DATA_KEYS = Set.of("train", "test", "validation");

    private final SectionNodes nodes;

    DataSectionReader(SectionNodes nodes) {
        this.nodes = requireNonNull(nodes, "nodes is null");
    }

    /** The {@code data} section, or null when it is absent or not a map (a problem then). */
    DataConfig read(JsonNode node, Path baseDirectory, Problems problems) {
        if (!nodes.isObject(node, "data", problems)) {
            return null;
        }
        nodes.checkKeys(node, "data", DATA_KEYS, problems);
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
        if (!nodes.isObject(node, "data.validation", problems)) {
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
                    nodes.read(node, "data.validation", ValidationConfig.class, problems);
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
        if (!nodes.isObject(node, path, problems)) {
            return null;
        }
        Map<String, Object> options = nodes.toMap(node);
        String type = SectionNodes.takeString(options, "type", path, problems);
        String images =
                resolve(SectionNodes.takeString(options, "images", path, problems), baseDirectory);
        String labels =
                resolve(SectionNodes.takeString(options, "labels", path, problems), baseDirectory);
        if (type == null && images != null) {
            type = DatasetTypes.infer(Path.of(images), labels != null);
        }
        if (!path.equals("data.train")) {
            return new SourceConfig(type, images, labels, options);
        }
        List<String> classes = classes(options.remove("classes"), path, problems);
        Integer perClass = SectionNodes.takeInteger(options, "perClass", path, problems);
        return new SourceConfig(type, images, labels, options, classes, perClass);
    }

    /** {@code data.train.classes}: a list of class names or numbers, as text. */
    private static List<String> classes(Object value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)
                || list.stream().anyMatch(name -> name instanceof Map || name instanceof List)) {
            problems.add(path + ".classes", "expected a list of classes, e.g. [5, 6, 7]");
            return null;
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** {@code path} against {@code baseDirectory}, normalized; null for null. */
    static String resolve(String path, Path baseDirectory) {
        if (path == null) {
            return null;
        }
        return baseDirectory.resolve(path).normalize().toString();
    }
}
