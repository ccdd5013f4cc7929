package dev.classify.spark;

import dev.classify.engine.embed.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.mutable.WrappedArray;

/**
 * Builds the output rows of {@link Columns#predictions}: the best class and its probability, the
 * top classes and every probability as asked, or for an image that failed an empty label, no
 * probabilities and the error. Counts the failures into {@link Failures}.
 */
final class PredictionRows {
    private final List<String> classNames;
    private final PredictOptions options;
    private final Failures failures;

    PredictionRows(ImageClassifier classifier, PredictOptions options, Failures failures) {
        this.classNames = classifier.classNames();
        this.options = options;
        this.failures = failures;
    }

    /** The row of an image classified with {@code probabilities}, one per class. */
    Row predicted(String id, float[] probabilities) {
        failures.row();
        int[] order = topClasses(probabilities, options.topK());
        List<Object> values = new ArrayList<>(6);
        values.add(id);
        values.add(classNames.get(order[0]));
        values.add(probabilities[order[0]]);
        if (options.topK() > 1) {
            String[] names = new String[order.length];
            for (int i = 0; i < order.length; i++) {
                names[i] = classNames.get(order[i]);
            }
            values.add(WrappedArray.make(names));
        }
        if (options.probabilities()) {
            // Spark's row encoder takes Scala sequences for array columns.
            values.add(WrappedArray.make(probabilities.clone()));
        }
        values.add(null);
        return RowFactory.create(values.toArray());
    }

    /** The row of an image that could not be classified: empty label, the error. */
    Row failed(String id, String error) {
        failures.row();
        failures.add(error);
        List<Object> values = new ArrayList<>(6);
        values.add(id);
        values.add("");
        values.add(null);
        if (options.topK() > 1) {
            values.add(null);
        }
        if (options.probabilities()) {
            values.add(null);
        }
        values.add(error);
        return RowFactory.create(values.toArray());
    }

    /**
     * The indices of the {@code k} largest values, largest first (ties: lower index), as predict.
     */
    private static int[] topClasses(float[] probabilities, int k) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Float.compare(probabilities[y], probabilities[x]));
        int[] top = new int[Math.min(k, order.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }
}
