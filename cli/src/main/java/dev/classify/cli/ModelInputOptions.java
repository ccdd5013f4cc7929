package dev.classify.cli;

import dev.classify.engine.plugin.DatasetTypes;
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
            description =
                    "The dataset format of --images (default: folder for a folder or an image"
                            + " file, idx for *-ubyte files, else npy).")
    String type;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "256",
            description =
                    "Images per forward pass (default: ${DEFAULT-VALUE}); fewer when that many"
                            + " would hold more than a sixth of the memory (at most 4 GiB).")
    int batchSize;

    /** The dataset type of {@code images}: {@code --type}, else inferred from the path. */
    String typeOf(Path images) {
        return type != null ? type : DatasetTypes.infer(images);
    }

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
