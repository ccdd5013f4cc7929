package dev.classify.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * Top-1 accuracy, the confusion matrix and per-class precision, recall and F1 of predictions
 * against true labels. Immutable.
 *
 * <p>The matrix covers the classes that occur among the true labels or the predictions, in class
 * index order: a model with more classes than a test set uses does not get rows and columns of
 * zeros. As scikit-learn does by default, a precision or recall whose denominator is 0 counts as 0,
 * and the macro averages are the plain means over these classes.
 *
 * @param classNames the names of the classes of the matrix, in order
 * @param classIndices the model's class index of each class of the matrix, in order
 * @param confusion counts, {@code confusion[t][p]} images of class {@code t} predicted as {@code p}
 *     (indices into {@code classNames})
 */
public record Evaluation(List<String> classNames, int[] classIndices, int[][] confusion) {
    /** Checks that the matrix is square and has one row per class. */
    public Evaluation {
        classNames = List.copyOf(classNames);
        requireNonNull(classIndices, "classIndices is null");
        requireNonNull(confusion, "confusion is null");
        if (classIndices.length != classNames.size() || confusion.length != classNames.size()) {
            throw new IllegalArgumentException("one class index and one row per class name");
        }
        classIndices = classIndices.clone();
        confusion = confusion.clone();
        for (int t = 0; t < confusion.length; t++) {
            if (confusion[t].length != classNames.size()) {
                throw new IllegalArgumentException("the confusion matrix must be square");
            }
            confusion[t] = confusion[t].clone();
        }
    }

    /**
     * Counts {@code predicted} against {@code truth}.
     *
     * @param truth the true class index of each image, into {@code modelClassNames}
     * @param predicted the predicted class index of each image, into {@code modelClassNames}
     * @param modelClassNames the model's class names, indexed by class
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold an
     *     index outside the class names
     */
    public static Evaluation of(int[] truth, int[] predicted, List<String> modelClassNames) {
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException(
                    truth.length + " labels but " + predicted.length + " predictions");
        }
        TreeSet<Integer> used = new TreeSet<>();
        for (int i = 0; i < truth.length; i++) {
            used.add(checkIndex(truth[i], modelClassNames));
            used.add(checkIndex(predicted[i], modelClassNames));
        }
        int[] indices = used.stream().mapToInt(Integer::intValue).toArray();
        int[] position = new int[modelClassNames.size()];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            position[indices[k]] = k;
            names.add(modelClassNames.get(indices[k]));
        }
        int[][] confusion = new int[indices.length][indices.length];
        for (int i = 0; i < truth.length; i++) {
            confusion[position[truth[i]]][position[predicted[i]]]++;
        }
        return new Evaluation(names, indices, confusion);
    }

    private static int checkIndex(int index, List<String> classNames) {
        if (index < 0 || index >= classNames.size()) {
            throw new IllegalArgumentException(
                    "class index " + index + " outside 0.." + (classNames.size() - 1));
        }
        return index;
    }

    /** Returns a copy of the model's class index of each class of the matrix. */
    @Override
    public int[] classIndices() {
        return classIndices.clone();
    }

    /** Returns a copy of the counts, {@code confusion[t][p]}. */
    @Override
    public int[][] confusion() {
        int[][] copy = confusion.clone();
        for (int t = 0; t < copy.length; t++) {
            copy[t] = copy[t].clone();
        }
        return copy;
    }

    /** The number of images of class {@code t} predicted as class {@code p}. */
    public int count(int t, int p) {
        return confusion[t][p];
    }

    /** The number of classes of the matrix. */
    public int size() {
        return classNames.size();
    }

    /** The number of images counted. */
    public int total() {
        int total = 0;
        for (int[] row : confusion) {
            for (int count : row) {
                total += count;
            }
        }
        return total;
    }

    /** The number of images predicted correctly. */
    public int correct() {
        int correct = 0;
        for (int k = 0; k < size(); k++) {
            correct += confusion[k][k];
        }
        return correct;
    }

    /** The fraction of images predicted correctly, in [0, 1]. */
    public double accuracy() {
        return (double) correct() / total();
    }

    /** The number of images of class {@code k} (a row of the matrix). */
    public int support(int k) {
        int support = 0;
        for (int count : confusion[k]) {
            support += count;
        }
        return support;
    }

    /** The number of images predicted as class {@code k} (a column of the matrix). */
    public int predictedCount(int k) {
        int count = 0;
        for (int[] row : confusion) {
            count += row[k];
        }
        return count;
    }

    /** Of the images predicted as class {@code k}, the fraction that are; 0 when none is. */
    public double precision(int k) {
        return ratio(confusion[k][k], predictedCount(k));
    }

    /** Of the images of class {@code k}, the fraction predicted as such; 0 when there is none. */
    public double recall(int k) {
        return ratio(confusion[k][k], support(k));
    }

    /** The harmonic mean of precision and recall of class {@code k}; 0 when both are 0. */
    public double f1(int k) {
        double precision = precision(k);
        double recall = recall(k);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** The mean precision over the classes. */
    public double macroPrecision() {
        return mean(this::precision);
    }

    /** The mean recall over the classes. */
    public double macroRecall() {
        return mean(this::recall);
    }

    /** The mean F1 over the classes (not the F1 of the mean precision and recall). */
    public double macroF1() {
        return mean(this::f1);
    }

    private double mean(IntToDoubleFunction score) {
        // A plain sum, not DoubleStream.sum: its compensated sum could change the last digit.
        double sum = 0;
        for (int k = 0; k < size(); k++) {
            sum += score.applyAsDouble(k);
        }
        return sum / size();
    }

    /**
     * The report printed by {@code classify evaluate}: accuracy, then one line per class and the
     * macro averages, in aligned columns.
     */
    public String table() {
        int width = "macro avg".length();
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        String row = "%-" + width + "s  %9s  %6s  %6s  %7s%n";
        String numbers = "%-" + width + "s  %9.4f  %6.4f  %6.4f  %7d%n";
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "accuracy %.4f (%d of %d images)%n",
                        accuracy(),
                        correct(),
                        total()));
        text.append(
                String.format(Locale.ROOT, row, "class", "precision", "recall", "f1", "support"));
        for (int k = 0; k < size(); k++) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            numbers,
                            classNames.get(k),
                            precision(k),
                            recall(k),
                            f1(k),
                            support(k)));
        }
        text.append(
                String.format(
                        Locale.ROOT,
                        numbers,
                        "macro avg",
                        macroPrecision(),
                        macroRecall(),
                        macroF1(),
                        total()));
        return text.toString();
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
