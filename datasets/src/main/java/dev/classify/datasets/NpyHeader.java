package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dictionary in a {@code .npy} header, e.g. {@code {'descr': '|u1', 'fortran_order': False,
 * 'shape': (64, 28, 28), }}.
 *
 * <p>The header is a Python literal; it is matched with patterns rather than evaluated, so nothing
 * in a file is ever executed or unpickled.
 *
 * @param descr the dtype, e.g. {@code |u1}
 * @param fortranOrder whether the values are stored column-major
 * @param shape the dimensions, outermost first
 */
record NpyHeader(String descr, boolean fortranOrder, List<Long> shape) {
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(\\S)");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN_ORDER =
            Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)\\b");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DIMENSION = Pattern.compile("\\d{1,18}");

    NpyHeader {
        requireNonNull(descr, "descr is null");
        shape = List.copyOf(shape);
    }

    /**
     * Parses the header text of {@code file}.
     *
     * @throws InvalidDataException when a key is missing or malformed, or the dtype is structured
     */
    static NpyHeader parse(Path file, String text) {
        String dictionary = text.strip();
        if (!dictionary.startsWith("{") || !dictionary.endsWith("}")) {
            throw corrupt(file, "expected a Python dict, got " + excerpt(dictionary));
        }
        return new NpyHeader(
                descr(file, dictionary), fortranOrder(file, dictionary), shape(file, dictionary));
    }

    private static String descr(Path file, String dictionary) {
        Matcher key = DESCR.matcher(dictionary);
        if (!key.find()) {
            throw corrupt(file, "no 'descr' in " + excerpt(dictionary));
        }
        Matcher value = QUOTED.matcher(dictionary).region(key.start(1), dictionary.length());
        if (!value.lookingAt()) {
            throw new InvalidDataException(
                    file,
                    "structured dtypes (record arrays) are not supported; save a plain numeric"
                            + " array of images, e.g. arr.astype('uint8')");
        }
        return value.group(1);
    }

    private static boolean fortranOrder(Path file, String dictionary) {
        Matcher matcher = FORTRAN_ORDER.matcher(dictionary);
        if (!matcher.find()) {
            throw corrupt(file, "no 'fortran_order' True or False in " + excerpt(dictionary));
        }
        return matcher.group(1).equals("True");
    }

    private static List<Long> shape(Path file, String dictionary) {
        Matcher matcher = SHAPE.matcher(dictionary);
        if (!matcher.find()) {
            throw corrupt(file, "no 'shape' tuple in " + excerpt(dictionary));
        }
        List<Long> dimensions = new ArrayList<>();
        for (String item : matcher.group(1).split(",", -1)) {
            String dimension = item.strip();
            // A one-dimensional shape is written "(5,)", leaving an empty last item.
            if (dimension.isEmpty()) {
                continue;
            }
            if (!DIMENSION.matcher(dimension).matches()) {
                throw corrupt(file, "shape (" + matcher.group(1) + ") is not a tuple of sizes");
            }
            dimensions.add(Long.parseLong(dimension));
        }
        return dimensions;
    }

    private static InvalidDataException corrupt(Path file, String problem) {
        return new InvalidDataException(
                file, "corrupt .npy header: " + problem + "; write the file again with numpy.save");
    }

    private static String excerpt(String text) {
        return "'" + (text.length() <= 120 ? text : text.substring(0, 120) + "...") + "'";
    }
}
