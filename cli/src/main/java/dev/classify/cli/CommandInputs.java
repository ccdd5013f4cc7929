package dev.classify.cli;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(
                    e.getFile() + ": is a file, not a folder; give another --output");
        } catch (IOException e) {
            throw new UsageException(
                    folder
                            + ": cannot create the output folder ("
                            + reason(e)
                            + "); give another --output");
        }
        // Files.isWritable says yes to root even for a read-only or immutable folder: try it.
        try {
            Files.delete(Files.createTempFile(folder, ".classify-write-check", ".tmp"));
        } catch (IOException e) {
            throw new UsageException(
                    folder + ": is not writable (" + reason(e) + "); give another --output");
        }
    }

    /** The operating system's reason for {@code e}, else its kind. */
    static String reason(IOException e) {
        return e instanceof FileSystemException f && f.getReason() != null
                ? f.getReason()
                : e.getClass().getSimpleName();
    }

    /**
     * Opens {@code images} (and {@code labels}) with the dataset plugin named {@code type}, for a
     * model trained on images of {@code imageShape} (C, H, W): a plugin that takes the options
     * {@code channels} and {@code resize} (such as {@code folder}) is given the model's, so that
     * image files of any size and colour reach the model as it was trained.
     */
    static ImageSet open(
            PluginCatalog catalog,
            String type,
            Path images,
            Optional<Path> labels,
            int[] imageShape) {
        DatasetProvider provider = catalog.dataset("--type", type);
        Set<String> optionNames =
                provider.options().stream().map(OptionInfo::name).collect(Collectors.toSet());
        Map<String, Object> options = Map.of();
        if (optionNames.contains("channels") && optionNames.contains("resize")) {
            options =
                    Map.of(
                            "channels",
                            imageShape[0],
                            "resize",
                            List.of(imageShape[1], imageShape[2]));
        }
        return provider.open(new DataSource(images, labels, new Options("--images", options)));
    }
}
