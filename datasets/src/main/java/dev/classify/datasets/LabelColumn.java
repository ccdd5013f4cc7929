package dev.classify.datasets;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns the label values of a CSV column, one per image, into class indices and class names.
 *
 * <p>When every value is an integer, the values are the class indices and the names are "0".."K-1"
 * with K the largest label plus one. When no value is an integer, the values are class names: the
 * distinct names sorted by {@link String#compareTo} (so {@code cat} before {@code dog},
 * case-sensitive) are the classes 0..K-1. A column mixing integers and names is rejected rather
 * than read as names: it is far more often a stray value (a typo, {@code n/a}) than intended, and
 * reading "10" before "2" as names would silently renumber classes. Stateless.
 */
final class LabelColumn {
    /** The largest integer label accepted; a larger one is almost certainly a typo. */
    static final int MAX_LABEL = 999_999;

    /** Class indices, one per image, with the class names they index. */
    record Resolved(int[] labels, List<String> classNames) {}

    /** A problem with the value of image {@code id}: the message is prefixed with its line. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The image whose row is at fault. */
        final int id;

        Problem(int id, String message) {
            super(message, null, false, false);
            this.id = id;
        }
    }

    private LabelColumn() {}

    /**
     * Resolves {@code values}, indexed by image id.
     *
     * @param lines the line of each image's row in the file, to find the first of a kind and name
     *     it
     * @throws Problem when an integer label is negative or too large, or integers and names mix
     */
    static Resolved resolve(String[] values, int[] lines, String column) {
        Integer[] integers = new Integer[values.length];
        int firstInteger = -1;
        int firstName = -1;
        for (int id = 0; id < values.length; id++) {
            integers[id] = parse(values[id]);
            if (integers[id] != null) {
                firstInteger = earlier(firstInteger, id, lines);
            } else {
                firstName = earlier(firstName, id, lines);
            }
        }
        if (firstName < 0) {
            return numbered(integers);
        }
        if (firstInteger >= 0) {
            throw new Problem(
                    firstName,
                    "column '"
                            + column
                            + "' mixes integer labels (line "
                            + lines[firstInteger]
                            + ": '"
                            + values[firstInteger]
                            + "') and class names (line "
                            + lines[firstName]
                            + ": '"
                            + values[firstName]
                            + "'); use one kind: class indices 0, 1, 2, ... or a name for every"
                            + " class");
        }
        List<String> names = List.copyOf(new TreeSet<>(Arrays.asList(values)));
        int[] labels = new int[values.length];
        for (int id = 0; id < values.length; id++) {
            labels[id] = Collections.binarySearch(names, values[id]);
        }
        return new Resolved(labels, names);
    }

    private static Resolved numbered(Integer[] integers) {
        int[] labels = new int[integers.length];
        int max = -1;
        for (int id = 0; id < integers.length; id++) {
            int label = integers[id];
            if (label < 0 || label > MAX_LABEL) {
                throw new Problem(
                        id,
                        (label < 0 ? "negative label " : "label too large: ")
                                + label
                                + "; labels are class indices 0, 1, 2, ... up to "
                                + MAX_LABEL
                                + ", or class names");
            }
            labels[id] = label;
            max = Math.max(max, label);
        }
        return new Resolved(labels, new NumberedClassNames(max + 1));
    }

    private static int earlier(int current, int candidate, int[] lines) {
        return current < 0 || lines[candidate] < lines[current] ? candidate : current;
    }

    private static Integer parse(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
