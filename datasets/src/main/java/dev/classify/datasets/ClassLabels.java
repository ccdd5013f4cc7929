package dev.classify.datasets;

import java.util.List;
import java.util.OptionalInt;

/**
 * One class label per image, matched to images by row index: from a CSV file ({@link CsvLabels}) or
 * from an integer vector in a {@code .npy}/{@code .npz} or IDX file ({@link VectorLabels}).
 * Implementations are immutable and thread safe.
 */
public interface ClassLabels {
    /** The number of labelled images N. */
    int size();

    /**
     * Returns the class index of image {@code index}, in 0..classNames().size()-1.
     *
     * @throws IndexOutOfBoundsException when {@code index} is outside 0..size()-1
     */
    int label(int index);

    /** The class names, indexed by label: "0".."K-1" for integer labels, else the sorted names. */
    List<String> classNames();

    /**
     * Returns the 1-based line of the labels file that gave image {@code index} its label, for
     * messages; empty when the labels are not lines of text (a label array).
     *
     * @throws IndexOutOfBoundsException when {@code index} is outside 0..size()-1
     */
    default OptionalInt line(int index) {
        return OptionalInt.empty();
    }
}
