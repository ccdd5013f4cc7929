package dev.classify.engine.data;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Checks that every training label is one of the model's classes when {@code model.numClasses} is
 * given: a label of 10 among classes 0..9 is a typo in the labels file far more often than a class
 * to drop, so it is reported where it was read (the line of a CSV file, else the image's index).
 * Stateless.
 */
public final class LabelRange {
    private LabelRange() {}

    /**
     * Checks the labels of {@code images} against {@code numClasses}.
     *
     * @param images a labelled image set
     * @param labels the file the labels were read from (the labels file, or the images' folder for
     *     class folders), named in the message
     * @param numClasses {@code model.numClasses}, or {@code null} when the labels decide it
     * @throws InvalidDataException naming the first offending line (or the first offending image)
     *     when a label is outside 0..numClasses-1
     */
    public static void check(ImageSet images, Path labels, Integer numClasses) {
        requireNonNull(images, "images is null");
        requireNonNull(labels, "labels is null");
        if (numClasses == null || images.classNames().size() <= numClasses) {
            return;
        }
        int first = -1;
        int firstLine = Integer.MAX_VALUE;
        for (int i = 0; i < images.size(); i++) {
            if (images.label(i) < numClasses) {
                continue;
            }
            OptionalInt line = images.labelLine(i);
            // CSV rows may list the ids in any order: the first line is not the first index.
            if (first < 0 || line.isPresent() && line.getAsInt() < firstLine) {
                first = i;
                firstLine = line.orElse(Integer.MAX_VALUE);
            }
        }
        if (first < 0) {
            return;
        }
        int label = images.label(first);
        String name = images.classNames().get(label);
        String where =
                firstLine != Integer.MAX_VALUE
                        ? "line " + firstLine
                        : images.id(first).equals(String.valueOf(first))
                                ? "index " + first
                                : "image " + images.id(first) + " (index " + first + ")";
        String value =
                name.equals(String.valueOf(label))
                        ? "label " + label
                        : "label '" + name + "' (class " + label + ")";
        throw new InvalidDataException(
                labels,
                where
                        + ": "
                        + value
                        + " is outside 0.."
                        + (numClasses - 1)
                        + " (model.numClasses is "
                        + numClasses
                        + "); fix the label, or set model.numClasses to "
                        + images.classNames().size()
                        + " for the "
                        + images.classNames().size()
                        + " classes of the labels");
    }
}
