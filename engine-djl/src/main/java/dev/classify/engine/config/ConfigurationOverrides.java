package dev.classify.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Problems;
import java.util.Arrays;
import java.util.List;

/**
 * The command line's {@code --set key.path=value} overrides, applied to a configuration tree before
 * it is read: keys separated by dots, list elements by {@code [index]} (one past the end appends),
 * values read as YAML. Setting {@code data.validation.size} drops a {@code fraction} and the other
 * way round, since a file can give only one of them; setting {@code data.validation.ids} or {@code
 * data.validation.images} drops the keys of a drawn hold-out.
 */
final class ConfigurationOverrides {
    private final YamlTree yaml;

    ConfigurationOverrides(YamlTree yaml) {
        this.yaml = yaml;
    }

    /**
     * Sets the value of one {@code key.path=value} override in {@code root}, creating missing maps;
     * records a problem for a malformed override.
     */
    void apply(ObjectNode root, String override, Problems problems) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            problems.add("--set " + override, "expected key.path=value, e.g. train.epochs=3");
            return;
        }
        String key = override.substring(0, equals).trim();
        if (override.substring(equals + 1).isBlank()) {
            // An empty value would silently reset the key (e.g. a whole section) to its defaults.
            problems.add(
                    "--set " + key, "has no value; give one after '=' (or null to remove the key)");
            return;
        }
        String[] parts = key.split("\\.", -1);
        if (Arrays.asList(parts).contains("")) {
            // "." would set nothing at all, "a." the key a.
            problems.add(
                    "--set " + key,
                    "'"
                            + key
                            + "' has an empty key; give keys separated by single dots, e.g."
                            + " train.optimizer.learningRate=0.1");
            return;
        }
        JsonNode value;
        try {
            value = yaml.readValue(override.substring(equals + 1), "--set " + key);
        } catch (ConfigurationException e) {
            problems.addAll(e);
            return;
        }
        if (value == null || value.isMissingNode()) {
            value = JsonNodeFactory.instance.nullNode();
        }
        set(root, key, parts, value, problems);
    }

    /** Sets {@code value} at the path of {@code parts} (the dot-separated parts of {@code key}). */
    private static void set(
            ObjectNode root, String key, String[] parts, JsonNode value, Problems problems) {
        JsonNode current = root;
        for (int i = 0; i < parts.length && current != null; i++) {
            if (current.isValueNode() && !current.isNull()) {
                // A short form such as ema: 0.99 holds no keys.
                String parent = String.join(".", Arrays.copyOf(parts, i));
                problems.add(
                        "--set " + key,
                        parent
                                + " is "
                                + current
                                + ", not a map: write it as a map in the configuration (e.g."
                                + " ema: {decay: 0.99} for ema: 0.99) to set its key '"
                                + parts[i]
                                + "'");
                return;
            }
            current = descend(current, key, parts[i], i == parts.length - 1, value, problems);
        }
    }

    /**
     * Goes from {@code current} to the node of {@code part} ({@code name} or {@code name[index]}),
     * creating it when missing, or sets {@code value} there when it is the {@code lastPart}.
     * Returns the node reached, or null when the value is set or a problem is recorded.
     */
    private static JsonNode descend(
            JsonNode current,
            String key,
            String part,
            boolean lastPart,
            JsonNode value,
            Problems problems) {
        int bracket = part.indexOf('[');
        boolean indexed = bracket >= 0 && part.endsWith("]");
        int index = indexed ? listIndex(part.substring(bracket + 1, part.length() - 1)) : -1;
        if (indexed && index < 0) {
            // [-1] is no index from the end: read as no index, it would replace the list.
            problems.add(
                    "--set " + key,
                    "bad list index in '"
                            + part
                            + "'; give an index from 0 (the first element) to the list's"
                            + " size (appends)");
            return null;
        }
        String name = indexed ? part.substring(0, bracket) : part;
        if (name.isEmpty() || !current.isObject()) {
            problems.add("--set " + key, "'" + name + "' is not a key of a map");
            return null;
        }
        ObjectNode object = (ObjectNode) current;
        if (!indexed) {
            if (lastPart) {
                object.set(name, value);
                dropExcluded(object, key);
                return null;
            }
            JsonNode next = object.get(name);
            return next == null || next.isNull() ? object.putObject(name) : next;
        }
        return descendElement(object, key, name, index, lastPart, value, problems);
    }

    /** {@link #descend} into element {@code index} of the list {@code name} of {@code object}. */
    private static JsonNode descendElement(
            ObjectNode object,
            String key,
            String name,
            int index,
            boolean lastPart,
            JsonNode value,
            Problems problems) {
        JsonNode list = object.get(name);
        if (list == null || !list.isArray() || index > list.size()) {
            problems.add(
                    "--set " + key,
                    name + " has no element " + index + " to set (list indices start at 0)");
            return null;
        }
        ArrayNode array = (ArrayNode) list;
        if (lastPart) {
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
            return null;
        }
        if (index == array.size()) {
            array.addObject();
        }
        return array.get(index);
    }

    /** The index between brackets, or -1 when it is not a number of 0 or more. */
    private static int listIndex(String text) {
        try {
            return Math.max(-1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Drops the keys that exclude the one {@code key} has just set, in its map {@code object}. */
    private static void dropExcluded(ObjectNode object, String key) {
        if (key.equals("data.validation.size")) {
            object.remove("fraction");
        } else if (key.equals("data.validation.fraction")) {
            object.remove("size");
        } else if (key.equals("data.validation.ids")) {
            object.remove(List.of("size", "fraction", "stratified", "seed"));
        } else if (key.equals("data.validation.images")) {
            object.remove(List.of("size", "fraction", "stratified", "seed", "ids"));
        }
    }
}
