package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code model.pretrained}: a path, or {@code {path: ..., exclude: [classifier]}}, the path
 * resolved against the configuration file's folder as data paths are. Thread safe.
 */
final class PretrainedReader {
    private static final String KEY = "model.pretrained";
    private static final Set<String> KEYS = Set.of("path", "exclude");

    private PretrainedReader() {}

    /** The setting, or null when {@code value} is absent or unusable (a problem then). */
    static PretrainedConfig read(Object value, Path baseDirectory, Problems problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof String path) {
            return new PretrainedConfig(DataSectionReader.resolve(path, baseDirectory), List.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(
                    KEY, "expected a path or {path: PATH, exclude: [classifier]}, got " + value);
            return null;
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(
                        KEY + "." + key,
                        "unknown key '" + key + "'; known: " + new TreeSet<>(KEYS));
            }
        }
        Object path = map.get("path");
        if (path instanceof Map || path instanceof List) {
            problems.add(KEY + ".path", "expected a path, got " + path);
            return null;
        }
        return new PretrainedConfig(
                path == null
                        ? null
                        : DataSectionReader.resolve(String.valueOf(path), baseDirectory),
                exclude(map.get("exclude"), problems));
    }

    private static List<String> exclude(Object value, Problems problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(KEY + ".exclude", "expected a list of layer names such as [classifier]");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object name = list.get(i);
            if (name instanceof Map || name instanceof List) {
                problems.add(KEY + ".exclude[" + i + "]", "expected a layer name, got " + name);
            } else {
                names.add(String.valueOf(name));
            }
        }
        return names;
    }
}
