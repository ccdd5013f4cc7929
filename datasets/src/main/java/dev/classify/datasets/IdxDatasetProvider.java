package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.OptionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code idx} data source: MNIST-style IDX files, images {@code *-images-idx3-ubyte} (uint8, N
 * x rows x columns, grayscale) and optionally labels {@code *-labels-idx1-ubyte} (uint8 class
 * indices), each plain or gzip-compressed (see {@link IdxReader}). Ids are the row indices
 * "0".."N-1"; pixels are divided by 255. It has no options. Stateless and thread safe.
 */
public final class IdxDatasetProvider implements DatasetProvider {
    /** The name of this provider, used as a source's {@code type}. */
    public static final String NAME = "idx";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public IdxDatasetProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MNIST-style IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte), plain or"
                + " .gz";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of();
    }

    /**
     * Reads the images and, when {@code source.labels()} is present, their labels.
     *
     * @throws dev.classify.api.ConfigurationException when any option is given
     * @throws InvalidDataException when a file is missing, of the wrong kind, truncated or corrupt,
     *     or the number of labels differs from the number of images
     */
    @Override
    public ImageSet open(DataSource source) {
        requireNonNull(source, "source is null");
        source.options().validate();
        Path imagesFile = source.images();
        checkFile(imagesFile);
        NpyImageSet images = NpyImageSet.of(imagesFile, IdxReader.readImages(imagesFile));
        if (source.labels().isEmpty()) {
            return images;
        }
        Path labelsFile = source.labels().get();
        checkFile(labelsFile);
        NpyArray labels = IdxReader.readLabels(labelsFile);
        if (labels.elementCount() != images.size()) {
            throw new InvalidDataException(
                    labelsFile,
                    labels.elementCount()
                            + " labels for "
                            + images.size()
                            + " images in "
                            + imagesFile.getFileName()
                            + "; use the labels file published with the images (train with"
                            + " train, t10k with t10k)");
        }
        return images.withLabels(VectorLabels.of(labelsFile, labels, images.size()));
    }

    private static void checkFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(
                    file, "is a folder, expected an IDX file such as train-images-idx3-ubyte");
        }
        SpecialFiles.refuse(file, "give an IDX file such as train-images-idx3-ubyte");
        if (!Files.exists(file)) {
            throw new InvalidDataException(
                    file,
                    "file not found"
                            + (file.isAbsolute()
                                    ? ""
                                    : " (relative to " + Path.of("").toAbsolutePath() + ")")
                            + "; check the source's path");
        }
    }
}
