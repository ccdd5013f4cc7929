package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code npy} data source: images in a NumPy {@code .npy} file or {@code .npz} archive, of
 * shape (N, H, W), (N, H, W, C), (N, C, H, W) or flat (N, H*W[*C]) with C 1 or 3 (see {@link
 * ImageLayout}), of any dtype {@link NpyReader} reads, and optionally labels: a CSV file with an id
 * and a label column holding class indices or names (see {@link CsvLabels}), or an integer vector
 * in a {@code .npy}/{@code .npz} file (see {@link VectorLabels}), told apart by their first bytes.
 *
 * <p>Options are listed by {@link #options()}. Stateless and thread safe.
 */
public final class NpyDatasetProvider implements DatasetProvider {
    /** The name of this provider, used as a source's {@code type}. */
    public static final String NAME = "npy";

    private static final String ARRAY = "array";
    private static final String LABELS_ARRAY = "labelsArray";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NpyDatasetProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NumPy .npy/.npz images (N,H,W), (N,H,W,C), (N,C,H,W) or flat, integer or float,"
                + " with optional CSV labels (id,label; indices or names) or a .npy label vector";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "idColumn", CsvLabels.DEFAULT_ID_COLUMN, "CSV labels: the id column"),
                new OptionInfo(
                        "labelColumn",
                        CsvLabels.DEFAULT_LABEL_COLUMN,
                        "CSV labels: the label column, class indices 0..K-1 or class names"
                                + " (numbered in sorted order)"),
                new OptionInfo(
                        ARRAY,
                        "the only array",
                        "the array to read from a .npz images archive (np.savez keyword)"),
                new OptionInfo(
                        LABELS_ARRAY,
                        "the only array",
                        "the array to read from a .npz labels archive, an integer vector"),
                new OptionInfo(
                        ImageLayout.LAYOUT,
                        "NHW for 3-D; NHWC or NCHW for 4-D, by which axis is 1 or 3",
                        "axis order of the images: NHW, NHWC or NCHW; for flat arrays, the"
                                + " order within a row (NHWC or NCHW)"),
                new OptionInfo(
                        ImageLayout.SHAPE,
                        "none",
                        "[H, W] or [H, W, C] of each row of a flat (N, H*W*C) array"),
                new OptionInfo(
                        PixelScale.OPTION,
                        "255 for integer dtypes, 1 for float dtypes",
                        "pixel values are divided by it and must lie in [0, scale]"));
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
        Optional<String> array = name(options, ARRAY);
        Optional<String> labelsArray = name(options, LABELS_ARRAY);
        Optional<String> layout = layout(options);
        List<Integer> shape = shape(options);
        OptionalDouble scale = scale(options);
        options.validate();

        Path imagesFile = source.images();
        checkFile(imagesFile, sourcePath(options, "images"));
        NpyImageSet images =
                NpyImageSet.of(
                        imagesFile, NpzReader.read(imagesFile, array, ARRAY), layout, shape, scale);
        if (source.labels().isEmpty()) {
            return images;
        }
        Path labelsFile = source.labels().get();
        checkFile(labelsFile, sourcePath(options, "labels"));
        if (NpzReader.isArrayFile(labelsFile)) {
            NpyArray vector = NpzReader.read(labelsFile, labelsArray, LABELS_ARRAY);
            return images.withLabels(VectorLabels.of(labelsFile, vector, images.size()));
        }
        return images.withLabels(CsvLabels.read(labelsFile, idColumn, labelColumn, images.size()));
    }

    private static Optional<String> name(Options options, String key) {
        Optional<String> name = options.optionalString(key);
        options.check(
                name.map(value -> !value.isBlank()).orElse(true),
                key,
                "must name an array in the .npz archive, got a blank value");
        return name.filter(value -> !value.isBlank());
    }

    private static Optional<String> layout(Options options) {
        Optional<String> layout = options.optionalString(ImageLayout.LAYOUT);
        if (layout.isPresent() && !ImageLayout.LAYOUTS.contains(layout.get())) {
            options.problem(
                    ImageLayout.LAYOUT,
                    "unknown layout '" + layout.get() + "'; known: " + ImageLayout.LAYOUTS);
            return Optional.empty();
        }
        return layout;
    }

    private static List<Integer> shape(Options options) {
        List<Integer> shape = options.intList(ImageLayout.SHAPE, List.of());
        if (!options.has(ImageLayout.SHAPE)) {
            return List.of();
        }
        boolean valid =
                (shape.size() == 2 || shape.size() == 3)
                        && shape.stream().allMatch(size -> size > 0);
        options.check(
                valid,
                ImageLayout.SHAPE,
                "expected [H, W] or [H, W, C] of positive sizes, got " + shape);
        return valid ? shape : List.of();
    }

    private static OptionalDouble scale(Options options) {
        if (!options.has(PixelScale.OPTION)) {
            return OptionalDouble.empty();
        }
        double scale = options.doubleValue(PixelScale.OPTION, Double.NaN);
        boolean valid = scale > 0 && scale <= Float.MAX_VALUE;
        options.check(
                valid || Double.isNaN(scale),
                PixelScale.OPTION,
                "must be a positive number such as 255 or 65535, got " + scale);
        return valid ? OptionalDouble.of(scale) : OptionalDouble.empty();
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
        SpecialFiles.refuse(file, "give a file; check " + configurationKey);
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
    static String sourcePath(Options options, String key) {
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
