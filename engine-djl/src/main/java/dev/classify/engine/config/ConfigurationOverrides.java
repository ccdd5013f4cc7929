package dev.classify.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classify.api.Problems;
import java.util.List;

/**
 * The command line's {@code --set key.path=value} overrides, applied to a configuration tree before
 * it is read: keys separated by dots, list elements by {@code [index]} (one past the end appends),
 * values read as YAML. Setting {@code data.validation.size} drops a {@code fraction} and the other
 * way round, since a file can give only one of them; setting {@code data.validation.ids} or {@code
 * data.validation.images} drops the keys of a drawn hold-out.
 */
final class ConfigurationOverrides {
    private final ObjectMapper mapper;

    ConfigurationOverrides(ObjectMapper mapper) {
        this.mapper = mapper;
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
        JsonNode value;
        try {
            YamlTree.checkLength(override.substring(equals + 1), "--set " + key);
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
                    } else if (key.equals("data.validation.ids")) {
                        object.remove(List.of("size", "fraction", "stratified", "seed"));
                    } else if (key.equals("data.validation.images")) {
                        object.remove(List.of("size", "fraction", "stratified", "seed", "ids"));
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
