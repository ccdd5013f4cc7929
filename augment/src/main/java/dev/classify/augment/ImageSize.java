package dev.classify.augment;

import dev.classify.api.Options;
import java.util.List;
import java.util.Optional;

/**
 * A target height and width in pixels, read from an option written as one integer (a square) or as
 * {@code [height, width]}.
 *
 * @param height rows, positive
 * @param width columns, positive
 */
record ImageSize(int height, int width) {

    /**
     * Reads the required option {@code key}, recording every problem with it in {@code options}.
     *
     * @return the size, or empty when the option is absent or invalid (a problem is then recorded)
     */
    static Optional<ImageSize> read(Options options, String key) {
        if (!options.has(key)) {
            options.problem(key, "is required: one positive integer or [height, width]");
            return Optional.empty();
        }
        List<Integer> values = options.intList(key, null);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() != 1 && values.size() != 2) {
            options.problem(key, "expected one integer or [height, width], got " + values);
            return Optional.empty();
        }
        if (!values.stream().allMatch(v -> v > 0)) {
            Object written = values.size() == 1 ? values.get(0) : values;
            options.problem(key, "must be positive, got " + written);
            return Optional.empty();
        }
        return Optional.of(new ImageSize(values.get(0), values.get(values.size() - 1)));
    }

    /** Returns {@code height + "x" + width}, e.g. {@code 28x28}. */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
