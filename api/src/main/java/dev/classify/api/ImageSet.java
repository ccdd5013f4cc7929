package dev.classify.api;

import java.util.List;
import java.util.OptionalInt;

/**
 * An indexed set of images of one shape, with labels or without, held in memory.
 *
 * <p>Images are stored compactly (8-bit pixels stay 8-bit) and converted to float32 only when
 * copied out, one at a time, as channels x height x width values in [0, 1]. Implementations are
 * immutable and safe to read from several threads.
 */
public interface ImageSet {
    /** Number of images, at least 1. */
    int size();

    /** Channels C of every image (1 for grayscale, 3 for RGB). */
    int channels();

    /** Height H of every image in pixels. */
    int height();

    /** Width W of every image in pixels. */
    int width();

    /**
     * Copies image {@code index} into {@code destination} as C x H x W float32 values in [0, 1],
     * channel-major (CHW), starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException when {@code index} is outside 0..size()-1 or the
     *     destination is too small
     */
    void copyPixels(int index, float[] destination, int offset);

    /** Whether every image has a label. */
    boolean hasLabels();

    /**
     * Returns the class index of image {@code index}, in 0..classNames().size()-1.
     *
     * @throws IllegalStateException when the set has no labels
     */
    int label(int index);

    /**
     * Returns the 1-based line of the labels file that gave image {@code index} its label, so that
     * a message about the label can name it (a CSV row); empty when the labels are not lines of
     * text (a label array, class folders) or the set has no labels. The default is empty.
     *
     * @throws IndexOutOfBoundsException when {@code index} is outside 0..size()-1
     */
    default OptionalInt labelLine(int index) {
        return OptionalInt.empty();
    }

    /**
     * The stable id of image {@code index}, written as the {@code id} column of a prediction file:
     * the row index for array files, the file name for image folders.
     */
    String id(int index);

    /**
     * The class names, indexed by label; for integer labels 0..K-1 these are "0".."K-1". Empty for
     * an unlabelled set.
     */
    List<String> classNames();
}
