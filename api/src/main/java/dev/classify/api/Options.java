package dev.classify.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one plugin instance as written in the configuration (for example the {@code size}
 * and {@code padding} of a {@code random-crop} entry), with typed readers that record every problem
 * instead of failing on the first.
 *
 * <p>A provider reads each option it knows, then calls {@link #validate()}, which also reports
 * every key that no reader asked for as unknown, listing the known ones. Values come from YAML:
 * integers, floating-point numbers, booleans, strings and lists of these. Not thread safe; use one
 * instance per configuration entry.
 */
public final class Options {
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> known = new TreeSet<>();
    private final Problems problems = new Problems();

    /**
     * Creates options for the configuration entry at {@code path}.
     *
     * @param path the entry's configuration path, e.g. {@code augment.train[2]}; prefixes every
     *     problem
     * @param values the entry's keys and values, without its {@code type}
     */
    public Options(String path, Map<String, ?> values) {
        this.path = requireNonNull(path, "path is null");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns the configuration path of this entry. */
    public String path() {
        return path;
    }

    /** Returns every key and value as written, in order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Returns the path of {@code key} in this entry, e.g. {@code augment.train[2].size}. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Records a problem with {@code key}; {@link #validate()} reports it. */
    public void problem(String key, String message) {
        problems.add(pathOf(key), message);
    }

    /** Records {@code message} for {@code key} unless {@code condition} holds. */
    public void check(boolean condition, String key, String message) {
        if (!condition) {
            problem(key, message);
        }
    }

    /** Returns whether {@code key} is present (and marks it known). */
    public boolean has(String key) {
        known.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    /** Reads an integer, or returns {@code defaultValue} when absent or invalid. */
    public int intValue(String key, int defaultValue) {
        return optionalInt(key).orElse(defaultValue);
    }

    /** Reads an optional integer; a non-integer value is recorded as a problem. */
    public Optional<Integer> optionalInt(String key) {
        Object value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        Optional<Integer> result = toInt(value);
        if (result.isEmpty()) {
            problem(key, "expected an integer, got " + describe(value));
        }
        return result;
    }

    /** Reads a number, or returns {@code defaultValue} when absent or invalid. */
    public double doubleValue(String key, double defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        Optional<Double> result = toDouble(value);
        if (result.isEmpty()) {
            problem(key, "expected a number, got " + describe(value));
            return defaultValue;
        }
        return result.get();
    }

    /** Reads a boolean ({@code true}/{@code false}), or returns {@code defaultValue}. */
    public boolean booleanValue(String key, boolean defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        problem(key, "expected true or false, got " + describe(value));
        return defaultValue;
    }

    /** Reads a string, or returns {@code defaultValue} when absent. */
    public String stringValue(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** Reads an optional string; numbers and booleans are accepted in their written form. */
    public Optional<String> optionalString(String key) {
        Object value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List || value instanceof Map) {
            problem(key, "expected a single value, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.toString());
    }

    /**
     * Reads a list of numbers; a single number is taken as a list of one.
     *
     * @return the list, or {@code defaultValue} when absent or invalid
     */
    public List<Double> doubleList(String key, List<Double> defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<Double> result = new ArrayList<>();
        for (Object item : items) {
            Optional<Double> number = toDouble(item);
            if (number.isEmpty()) {
                problem(key, "expected a list of numbers, got " + describe(value));
                return defaultValue;
            }
            result.add(number.get());
        }
        return List.copyOf(result);
    }

    /** Reads a list of integers; a single integer is taken as a list of one. */
    public List<Integer> intList(String key, List<Integer> defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<Integer> result = new ArrayList<>();
        for (Object item : items) {
            Optional<Integer> number = toInt(item);
            if (number.isEmpty()) {
                problem(key, "expected a list of integers, got " + describe(value));
                return defaultValue;
            }
            result.add(number.get());
        }
        return List.copyOf(result);
    }

    /**
     * Reports unknown keys and every problem recorded so far.
     *
     * @throws ConfigurationException listing every problem, when there is any
     */
    public void validate() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problems.add(
                        pathOf(key),
                        "unknown option '" + key + "'; known: " + new ArrayList<>(known));
            }
        }
        problems.throwIfAny();
    }

    private Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    private static Optional<Integer> toInt(Object value) {
        if (value instanceof Integer i) {
            return Optional.of(i);
        }
        if (value instanceof Long l && l == l.intValue()) {
            return Optional.of(l.intValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> toDouble(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
