package dev.classify.engine.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.Problems;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading the configuration tree's sections: maps checked for unknown keys, plain values taken out
 * of a plugin's options, records read with every problem recorded under its path. Thread safe.
 */
final class SectionNodes {
    private final ObjectMapper mapper;

    SectionNodes(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Reads {@code node} as the record {@code type}, recording problems under {@code path}. */
    <T> T read(JsonNode node, String path, Class<T> type, Problems problems) {
        return new SectionReader(mapper).read(node, path, type, problems);
    }

    /** Records an unknown-key problem for every key of {@code node} not in {@code known}. */
    void checkKeys(JsonNode node, String path, Set<String> known, Problems problems) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String where = path.isEmpty() ? name : path + "." + name;
                problems.add(where, "unknown key '" + name + "'; known: " + new TreeSet<>(known));
            }
        }
    }

    /** Whether {@code node} is a map; a problem when it is something else than absent. */
    boolean isObject(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            problems.add(path, "expected a map of keys and values, got " + node);
            return false;
        }
        return true;
    }

    /** The map's entries as plain Java values, in order. */
    Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        e -> map.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        return map;
    }

    /** Removes {@code key} from {@code options} and returns it as text; null when absent. */
    static String takeString(
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

    /** Removes {@code key} from {@code options} and returns it as an integer; null when absent. */
    static Integer takeInteger(
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
}
