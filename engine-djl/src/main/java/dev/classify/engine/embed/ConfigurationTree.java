package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a configuration as a YAML file holds them: nested maps addressed by dotted paths
 * ({@code train.optimizer.learningRate}), with lists and plain values as leaves. Paths are stored
 * as absolute path strings. Not thread safe.
 */
final class ConfigurationTree {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, Object> root = new LinkedHashMap<>();

    /**
     * Sets {@code key}, a dotted path, to {@code value}, creating the maps on the way; a map value
     * replaces the whole section below the key.
     *
     * @throws IllegalArgumentException when the path is empty or crosses a key that holds a value
     *     other than a map
     */
    void set(String key, Object value) {
        requireNonNull(key, "key is null");
        String[] parts = parts(key);
        Map<String, Object> node = root;
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
    }

    /**
     * Appends {@code item} to the list at {@code key}, starting a list when the key holds none.
     *
     * @throws IllegalArgumentException as {@link #set} does
     */
    void append(String key, Object item) {
        List<Object> items = new ArrayList<>();
        if (get(key) instanceof List<?> old) {
            items.addAll(old);
        }
        items.add(item);
        set(key, items);
    }

    /**
     * Returns the tree as YAML text.
     *
     * @throws IllegalArgumentException when a value is not a plain YAML value
     */
    String yaml() {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "a configuration value is not a plain YAML value: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A plugin section: {@code type} first, then the plugin's {@code options}. */
    static Map<String, Object> step(String type, Map<String, ?> options) {
        requireNonNull(type, "type is null");
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("type", type);
        step.putAll(options);
        return step;
    }

    /** A section of {@code options} whose {@code type} key is {@code type}, whatever they hold. */
    static Map<String, Object> typed(String type, Map<String, ?> options) {
        Map<String, Object> section = new LinkedHashMap<>(options);
        section.put("type", type);
        return section;
    }

    /** The absolute form of {@code path}, as the configuration holds file names. */
    static String path(Path path) {
        return requireNonNull(path, "path is null").toAbsolutePath().toString();
    }

    /** The value at {@code key}, or null when a key on the way is missing or not a map. */
    private Object get(String key) {
        Object node = root;
        for (String part : key.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static String[] parts(String key) {
        String[] parts = key.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("not a configuration key: '" + key + "'");
            }
        }
        return parts;
    }
}
