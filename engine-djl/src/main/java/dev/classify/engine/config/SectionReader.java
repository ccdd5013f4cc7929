package dev.classify.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classify.api.Problems;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one configuration section into its record with Jackson, reporting every problem in it
 * rather than the first: Jackson stops at the first unknown key or wrong type, so the offending key
 * is dropped and the section read again. Jackson's messages are turned into a person's words.
 */
final class SectionReader {
    private final ObjectMapper mapper;

    SectionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Returns {@code node} as a {@code type}, or {@code null} when it is absent or unusable;
     * records a problem for every unknown key and every value of the wrong type, each with its
     * path.
     */
    <T> T read(JsonNode node, String path, Class<T> type, Problems problems) {
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
        if (message.contains("instance of `java.util.") && message.contains("value ('")) {
            // A single word where a list of words belongs, e.g. freeze: stem.
            int start = message.indexOf("value ('") + 8;
            return "expected a list, got '"
                    + message.substring(start, message.indexOf("')", start))
                    + "'";
        }
        if (message.contains("value of type `java.util.")) {
            return message.contains("<java.lang.String>")
                    ? "expected a list of names, e.g. [stem, stage1]"
                    : "expected a list, e.g. [30, 60]";
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
