package dev.classify.spark;

import dev.classify.engine.embed.ImageClassifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Classifies one partition: takes this executor's shared {@link ImageClassifier}, turns the
 * partition's input rows into images in batches of the options' size ({@link ImageBatches}) and
 * yields one output row per image, in input order, lazily (one batch in memory at a time).
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final List<String> models;
    private final PredictOptions options;
    private final HadoopSettings hadoop;
    private final Failures failures;
    private final boolean npyRanges;

    PartitionPredictor(
            List<String> models,
            PredictOptions options,
            HadoopSettings hadoop,
            Failures failures,
            boolean npyRanges) {
        this.models = List.copyOf(models);
        this.options = options;
        this.hadoop = hadoop;
        this.failures = failures;
        this.npyRanges = npyRanges;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ImageClassifier classifier =
                ExecutorClassifiers.get(models, options.pluginDirectory().orElse(null), hadoop);
        PredictionRows rows = new PredictionRows(classifier, options, failures);
        ImageBatches batches =
                npyRanges
                        ? new NpyRangeImages(input, classifier, hadoop, options.batchSize())
                        : new ImageFileImages(input, classifier, options.batchSize());
        return new Iterator<>() {
            private Iterator<Row> current = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && batches.hasNext()) {
                    current = classify(classifier, rows, batches.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static List<Row> classify(
            ImageClassifier classifier, PredictionRows rows, List<ImageBatches.Image> batch) {
        List<float[]> pixels = new ArrayList<>(batch.size());
        for (ImageBatches.Image image : batch) {
            if (image.pixels() != null) {
                pixels.add(image.pixels());
            }
        }
        float[][] probabilities =
                pixels.isEmpty()
                        ? new float[0][]
                        : classifier.probabilities(pixels, classifier.height(), classifier.width());
        List<Row> result = new ArrayList<>(batch.size());
        int next = 0;
        for (ImageBatches.Image image : batch) {
            result.add(
                    image.pixels() != null
                            ? rows.predicted(image.id(), probabilities[next++])
                            : rows.failed(image.id(), image.error()));
        }
        return result;
    }
}
