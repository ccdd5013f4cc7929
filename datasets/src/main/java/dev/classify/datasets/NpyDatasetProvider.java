package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code npy} data source: images in a NumPy {@code .npy} file of shape (N, H, W) or (N, H, W,
 * C) with C 1 or 3, uint8 or float in [0, 1], and optionally labels in a CSV file with an id and a
 * label column (see {@link CsvLabels}).
 *
 * <p>Options: {@code idColumn} (default {@code id}) and {@code labelColumn} (default {@code
 * label}), the header names of the CSV columns. Stateless and thread safe.
 */
public final class NpyDatasetProvider implements DatasetProvider {
    /** The name of this provider, used as a source's {@code type}. */
    public static final String NAME = "npy";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NpyDatasetProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NumPy .npy images (N,H,W) or (N,H,W,C), uint8 or float in [0,1], with optional"
                + " CSV labels (id,label)";
    }

    /**
     * Reads the images and, when {@code source.labels()} is present, their labels.
     *
     * @throws dev.classify.api.ConfigurationException when an option is unknown or blank
     * @throws InvalidDataException when a file is missing or invalid, or the labels do not match
     *     the images
     */
    @Override
    public ImageSet open(DataSource source) {
        requireNonNull(source, "source is null");
        Options options = source.options();
        String idColumn = column(options, "idColumn", CsvLabels.DEFAULT_ID_COLUMN);
        String labelColumn = column(options, "labelColumn", CsvLabels.DEFAULT_LABEL_COLUMN);
        options.validate();

        Path imagesFile = source.images();
        checkFile(imagesFile, sourcePath(options, "images"));
        NpyImageSet images = NpyImageSet.of(imagesFile, NpyReader.read(imagesFile));
        if (source.labels().isEmpty()) {
            return images;
        }
        Path labelsFile = source.labels().get();
        checkFile(labelsFile, sourcePath(options, "labels"));
        return images.withLabels(CsvLabels.read(labelsFile, idColumn, labelColumn, images.size()));
    }

    private static String column(Options options, String key, String defaultValue) {
        String column = options.stringValue(key, defaultValue);
        options.check(!column.isBlank(), key, "must name a CSV column, got a blank value");
        return column;
    }

    private static void checkFile(Path file, String configurationKey) {
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(
                    file, "is a folder, expected a file; check " + configurationKey);
        }
        if (!Files.exists(file)) {
            throw new InvalidDataException(
                    file,
                    "file not found"
                            + (file.isAbsolute()
                                    ? ""
                                    : " (relative to " + Path.of("").toAbsolutePath() + ")")
                            + "; check "
                            + configurationKey);
        }
    }

    /**
     * The configuration key of a source's {@code images} or {@code labels}: the options' path is
     * the source itself (e.g. {@code data.train}) or its {@code options} entry ({@code
     * data.train.options}).
     */
    private static String sourcePath(Options options, String key) {
        String path = options.path();
        if (path.startsWith("--")) {
            // A command-line option such as predict's --images names the file itself.
            return path;
        }
        if (path.endsWith(".options")) {
            path = path.substring(0, path.length() - ".options".length());
        } else if (path.equals("options")) {
            path = "";
        }
        return path.isEmpty() ? "the source's " + key : path + "." + key;
    }
}
