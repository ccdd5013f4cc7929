package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The {@code folder} data source: image files (PNG, JPEG, BMP, GIF) decoded with {@link
 * javax.imageio.ImageIO}. {@code images} is a folder with one folder of images per class (a
 * labelled set: classes numbered in the sorted order of the folder names, ids {@code class/file}),
 * a flat folder of images (unlabelled, for prediction; ids the file names) or a single image file;
 * see {@link ImageFiles} for the order. Labels come from the folders, so a {@code labels} file is
 * rejected.
 *
 * <p>Options: {@code channels} 1 (grayscale) or 3 (RGB), by default 1 when every image is grayscale
 * and 3 otherwise, converting the others (see {@link DecodedImage#copyTo}); {@code resize}, {@code
 * [H, W]} or one number for a square, resizes every image of another size bilinearly (see {@link
 * BilinearResize}); without it every image must have the first image's size. Pixels stay 8-bit in
 * memory ({@link FolderImageSet}), at most 2 GB of them. Files are decoded in parallel on the
 * common fork-join pool. Stateless and thread safe.
 */
public final class FolderDatasetProvider implements DatasetProvider {
    /** The name of this provider, used as a source's {@code type}. */
    public static final String NAME = "folder";

    /** The option choosing 1 or 3 channels. */
    public static final String CHANNELS = "channels";

    /** The option resizing every image to one size. */
    public static final String RESIZE = "resize";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public FolderDatasetProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "image files (.png .jpg .jpeg .bmp .gif): one folder per class for training, a flat"
                + " folder or one image for prediction";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        CHANNELS,
                        "1 when every image is grayscale, else 3",
                        "1 (grayscale, colour images converted with 0.299 R + 0.587 G + 0.114 B)"
                                + " or 3 (RGB, gray repeated)"),
                new OptionInfo(
                        RESIZE,
                        "none: every image must have the first image's size",
                        "[H, W] or one number (square): resize every image of another size"
                                + " bilinearly"));
    }

    /**
     * Lists and decodes the images.
     *
     * @throws dev.classify.api.ConfigurationException when an option is unknown or invalid
     * @throws InvalidDataException when the path is missing, a folder holds no images, a file does
     *     not decode, sizes differ without {@code resize}, or a labels file is given
     */
    /** Class folders name the labels: one folder of images per class. */
    @Override
    public boolean readsOwnLabels() {
        return true;
    }

    @Override
    public ImageSet open(DataSource source) {
        requireNonNull(source, "source is null");
        Options options = source.options();
        Integer channels = channels(options);
        int[] resize = resize(options);
        options.validate();
        if (source.labels().isPresent()) {
            throw new InvalidDataException(
                    source.labels().get(),
                    "a folder source takes its labels from its class folders; remove "
                            + NpyDatasetProvider.sourcePath(options, "labels")
                            + " and put each image into the folder named after its class");
        }
        ImageFiles files =
                ImageFiles.of(source.images(), NpyDatasetProvider.sourcePath(options, "images"));
        DecodedImage[] decoded = decode(files.files());
        int targetChannels = channels != null ? channels : inferChannels(decoded);
        int height = resize != null ? resize[0] : decoded[0].height();
        int width = resize != null ? resize[1] : decoded[0].width();
        if (resize == null) {
            checkSizes(files, decoded, options);
        }
        long imageBytes = (long) targetChannels * height * width;
        long total = imageBytes * decoded.length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(
                    source.images(),
                    decoded.length
                            + " images of "
                            + targetChannels
                            + "x"
                            + height
                            + "x"
                            + width
                            + " need "
                            + total
                            + " bytes, more than the 2 GB one set may hold; set resize to a"
                            + " smaller size or use fewer images");
        }
        byte[] pixels = new byte[(int) total];
        IntStream.range(0, decoded.length)
                .parallel()
                .forEach(
                        i ->
                                decoded[i].copyTo(
                                        pixels,
                                        (int) (i * imageBytes),
                                        targetChannels,
                                        height,
                                        width));
        return new FolderImageSet(
                pixels,
                targetChannels,
                height,
                width,
                files.ids(),
                files.labels(),
                files.classNames());
    }

    /** Decodes every file in parallel; reports the first file (in order) that fails. */
    private static DecodedImage[] decode(List<Path> files) {
        DecodedImage[] decoded = new DecodedImage[files.size()];
        Exception[] errors = new Exception[files.size()];
        IntStream.range(0, decoded.length)
                .parallel()
                .forEach(
                        i -> {
                            try {
                                decoded[i] = DecodedImage.read(files.get(i));
                            } catch (IOException | InvalidDataException e) {
                                errors[i] = e;
                            }
                        });
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] instanceof InvalidDataException invalid) {
                throw invalid;
            }
            if (errors[i] != null) {
                throw undecodable(files.get(i), errors[i]);
            }
        }
        return decoded;
    }

    /** The problem of an image {@code file} that did not decode, with the fix. */
    static InvalidDataException undecodable(Path file, Exception e) {
        return new InvalidDataException(
                file,
                "cannot decode the image ("
                        + e.getMessage()
                        + "); re-save it as PNG or JPEG, or"
                        + " remove it",
                e);
    }

    private static int inferChannels(DecodedImage[] decoded) {
        for (DecodedImage image : decoded) {
            if (image.channels() == 3) {
                return 3;
            }
        }
        return 1;
    }

    private static void checkSizes(ImageFiles files, DecodedImage[] decoded, Options options) {
        DecodedImage first = decoded[0];
        for (int i = 1; i < decoded.length; i++) {
            DecodedImage image = decoded[i];
            if (image.height() != first.height() || image.width() != first.width()) {
                throw new InvalidDataException(
                        files.files().get(i),
                        "is "
                                + image.height()
                                + "x"
                                + image.width()
                                + " pixels (height x width) but the first image, "
                                + files.ids().get(0)
                                + ", is "
                                + first.height()
                                + "x"
                                + first.width()
                                + "; give every image the same size, or set "
                                + options.pathOf(RESIZE)
                                + ": ["
                                + first.height()
                                + ", "
                                + first.width()
                                + "] to resize them");
            }
        }
    }

    private static Integer channels(Options options) {
        Integer channels = options.optionalInt(CHANNELS).orElse(null);
        if (channels != null && channels != 1 && channels != 3) {
            options.problem(CHANNELS, "must be 1 (grayscale) or 3 (RGB), got " + channels);
            return null;
        }
        return channels;
    }

    private static int[] resize(Options options) {
        if (!options.has(RESIZE)) {
            return null;
        }
        List<Integer> size = options.intList(RESIZE, List.of());
        boolean valid =
                (size.size() == 1 || size.size() == 2)
                        && size.stream().allMatch(side -> side > 0 && side <= 4096);
        if (!valid) {
            options.problem(
                    RESIZE,
                    "expected [H, W] or one number, each in 1..4096, got "
                            + options.asMap().get(RESIZE));
            return null;
        }
        return new int[] {size.get(0), size.get(size.size() - 1)};
    }
}
