package dev.classify.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that {@code predict} and {@code evaluate} share: the model, the format, the batch.
 */
final class ModelInputOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "A run folder written by train, or its model/ folder.")
    Path model;

    @Option(
            names = "--type",
            paramLabel = "NAME",
            defaultValue = "npy",
            description = "The dataset format of --images (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "256",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /**
     * Checks the values picocli cannot.
     *
     * @throws UsageException when the batch size is not positive
     */
    void check() {
        if (batchSize < 1) {
            throw new UsageException("--batch-size must be at least 1, got " + batchSize);
        }
    }
}
