package dev.classify.cli;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import dev.classify.engine.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the commands that read images and write results share: opening images, output folders. */
final class CommandInputs {
    private CommandInputs() {}

    /**
     * Creates {@code folder} if needed and checks that it can be written.
     *
     * @throws UsageException naming the folder and the fix otherwise
     */
    static void writableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UsageException(
                    folder
                            + ": cannot create the output folder ("
                            + e.getClass().getSimpleName()
                            + "); give another --output");
        }
        if (!Files.isWritable(folder)) {
            throw new UsageException(folder + ": is not writable; give another --output");
        }
    }

    /** Opens {@code images} (and {@code labels}) with the dataset plugin named {@code type}. */
    static ImageSet open(PluginCatalog catalog, String type, Path images, Optional<Path> labels) {
        return catalog.dataset("--type", type)
                .open(new DataSource(images, labels, new Options("--images", Map.of())));
    }
}
