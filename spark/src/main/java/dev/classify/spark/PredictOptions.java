package dev.classify.spark;

import dev.classify.engine.embed.ImageClassifier;
import java.io.Serializable;
import java.util.Optional;

/**
 * What {@link ClassifySpark#predict} adds to each row and how it runs: immutable, each {@code with}
 * method returns a copy. Serializable: it travels to the executors with the tasks.
 */
public final class PredictOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int topK;
    private final boolean probabilities;
    private final int batchSize;
    private final String pluginDirectory;

    private PredictOptions(int topK, boolean probabilities, int batchSize, String pluginDirectory) {
        this.topK = topK;
        this.probabilities = probabilities;
        this.batchSize = batchSize;
        this.pluginDirectory = pluginDirectory;
    }

    /**
     * The defaults: {@code id}, {@code label}, {@code probability} and {@code error} columns only,
     * batches of {@value ImageClassifier#BATCH_SIZE}, the plugins on the class path (for a cluster,
     * the jars given to {@code spark-submit --jars}).
     */
    public static PredictOptions defaults() {
        return new PredictOptions(1, false, ImageClassifier.BATCH_SIZE, null);
    }

    /**
     * Adds a {@code top_k} column: the {@code k} most likely class names, most likely first; for
     * {@code k} of 1 there is no such column.
     *
     * @throws IllegalArgumentException when {@code k} is below 1
     */
    public PredictOptions withTopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top k must be at least 1, got " + k);
        }
        return new PredictOptions(k, probabilities, batchSize, pluginDirectory);
    }

    /** Adds (or not) a {@code probabilities} column: every class's probability, by class index. */
    public PredictOptions withProbabilities(boolean include) {
        return new PredictOptions(topK, include, batchSize, pluginDirectory);
    }

    /**
     * Sets the most images per forward pass: rows are collected into batches of this many within
     * each partition (the default, {@value ImageClassifier#BATCH_SIZE}, is what the classifier runs
     * at once).
     *
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public PredictOptions withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        return new PredictOptions(topK, probabilities, size, pluginDirectory);
    }

    /**
     * Loads plugin jars from {@code directory}, a local folder present on the driver and on every
     * executor (as {@code classify --plugins}); {@code null} for the class path's plugins alone.
     */
    public PredictOptions withPluginDirectory(String directory) {
        return new PredictOptions(topK, probabilities, batchSize, directory);
    }

    /** The classes named in the {@code top_k} column; 1 for no such column. */
    public int topK() {
        return topK;
    }

    /** Whether the rows hold every class's probability. */
    public boolean probabilities() {
        return probabilities;
    }

    /** The most images per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    /** The local folder of plugin jars, if any. */
    public Optional<String> pluginDirectory() {
        return Optional.ofNullable(pluginDirectory);
    }
}
