package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the axes of an image array map to images, channels, rows and columns, from the array's shape
 * and the source options {@code layout} and {@code shape}. Immutable.
 *
 * <p>Layouts: {@code NHW} (grayscale), {@code NHWC} (channels last, as NumPy and PIL write images)
 * and {@code NCHW} (channels first, as PyTorch does), with C 1 or 3. Without {@code layout}, a 3-D
 * array is NHW; a 4-D array is NHWC when only its last axis is 1 or 3, NCHW when only its second
 * is, and ambiguous (an error asking for {@code layout}) when both are. A flat 2-D array (N, H*W)
 * or (N, H*W*C) needs {@code shape: [H, W]} or {@code [H, W, C]}; its rows are read as HWC, or as
 * CHW with {@code layout: NCHW} (as in the CIFAR-10 Python files).
 *
 * @param count images N
 * @param channels channels C, 1 or 3
 * @param height rows H
 * @param width columns W
 * @param channelsLast whether the channel is the fastest-varying axis of an image (HWC order)
 */
record ImageLayout(int count, int channels, int height, int width, boolean channelsLast) {
    /** The option keys. */
    static final String LAYOUT = "layout";

    static final String SHAPE = "shape";

    /** The accepted values of {@code layout}. */
    static final List<String> LAYOUTS = List.of("NHW", "NHWC", "NCHW");

    /**
     * Resolves the layout of {@code array}.
     *
     * @param layout the {@code layout} option, one of {@link #LAYOUTS}, if given
     * @param shape the {@code shape} option, [H, W] or [H, W, C] of positive sizes, or empty
     * @throws InvalidDataException when the array's shape does not fit, is ambiguous, or holds no
     *     images
     */
    static ImageLayout of(Path file, NpyArray array, Optional<String> layout, List<Integer> shape) {
        List<Integer> dims = array.shape();
        String text = array.shapeText();
        if (dims.size() != 2 && !shape.isEmpty()) {
            throw new InvalidDataException(
                    file,
                    "the source option shape applies only to flat 2-D arrays (N, H*W), but the"
                            + " array has shape "
                            + text
                            + "; remove shape");
        }
        ImageLayout result =
                switch (dims.size()) {
                    case 2 -> flat(file, text, dims, layout, shape);
                    case 3 -> {
                        require(file, text, layout, "NHW", "a 3-D array is (N, H, W)");
                        yield new ImageLayout(dims.get(0), 1, dims.get(1), dims.get(2), false);
                    }
                    case 4 -> fourDimensional(file, text, dims, layout);
                    default ->
                            throw new InvalidDataException(
                                    file,
                                    "unsupported shape "
                                            + text
                                            + "; expected (N, H, W) for grayscale, (N, H, W, C)"
                                            + " or (N, C, H, W) with C 1 or 3, or flat (N, H*W)"
                                            + " with the source option shape: [H, W]");
                };
        if (result.count == 0) {
            throw new InvalidDataException(
                    file, "no images: shape " + text + "; save at least one image");
        }
        if (result.height == 0 || result.width == 0) {
            throw new InvalidDataException(
                    file, "empty images: shape " + text + "; height and width must be at least 1");
        }
        return result;
    }

    private static ImageLayout fourDimensional(
            Path file, String text, List<Integer> dims, Optional<String> layout) {
        boolean last = isChannels(dims.get(3));
        boolean second = isChannels(dims.get(1));
        String chosen = layout.orElse(last && !second ? "NHWC" : second && !last ? "NCHW" : "");
        if (chosen.isEmpty()) {
            throw new InvalidDataException(
                    file,
                    (last
                            ? "ambiguous shape "
                                    + text
                                    + ": channels could be the last axis (NHWC) or the"
                                    + " second (NCHW); set the source option layout: NHWC"
                                    + " or layout: NCHW"
                            : "unsupported shape "
                                    + text
                                    + ": neither the last axis (NHWC) nor the second"
                                    + " (NCHW) is 1 or 3 channels; save grayscale (N, H,"
                                    + " W) or RGB images, e.g. arr[..., :3] to drop"
                                    + " alpha"));
        }
        require(file, text, Optional.of(chosen), "NHWC", "NCHW", "a 4-D array is NHWC or NCHW");
        boolean channelsLast = chosen.equals("NHWC");
        int channels = channelsLast ? dims.get(3) : dims.get(1);
        checkChannels(file, text, channels, chosen);
        return channelsLast
                ? new ImageLayout(dims.get(0), channels, dims.get(1), dims.get(2), true)
                : new ImageLayout(dims.get(0), channels, dims.get(2), dims.get(3), false);
    }

    private static ImageLayout flat(
            Path file,
            String text,
            List<Integer> dims,
            Optional<String> layout,
            List<Integer> shape) {
        if (shape.isEmpty()) {
            throw new InvalidDataException(
                    file,
                    "flat shape "
                            + text
                            + ": each row holds one image of unknown size; set the source option"
                            + " shape: [H, W] for grayscale or [H, W, C] (e.g. shape: [28, 28])");
        }
        int channels = shape.size() == 3 ? shape.get(2) : 1;
        long product = (long) shape.get(0) * shape.get(1) * channels;
        if (product != dims.get(1)) {
            throw new InvalidDataException(
                    file,
                    "the source option shape "
                            + shape
                            + " needs rows of "
                            + product
                            + " values, but the array has shape "
                            + text
                            + "; set shape to the images' [H, W] or [H, W, C]");
        }
        if (shape.size() == 2) {
            require(file, text, layout, "NHW", "shape [H, W] means grayscale");
        } else {
            require(file, text, layout, "NHWC", "NCHW", "shape [H, W, C] rows are NHWC or NCHW");
            checkChannels(file, text, channels, "shape " + shape);
        }
        boolean channelsLast = !layout.orElse("NHWC").equals("NCHW");
        return new ImageLayout(dims.get(0), channels, shape.get(0), shape.get(1), channelsLast);
    }

    private static boolean isChannels(int size) {
        return size == 1 || size == 3;
    }

    private static void checkChannels(Path file, String text, int channels, String source) {
        if (!isChannels(channels)) {
            throw new InvalidDataException(
                    file,
                    "unsupported shape "
                            + text
                            + ": "
                            + source
                            + " gives "
                            + channels
                            + " channels, expected 1 (grayscale) or 3 (RGB); e.g. drop alpha with"
                            + " arr[..., :3], or set the source option layout");
        }
    }

    private static void require(
            Path file, String text, Optional<String> layout, String allowed, String why) {
        require(file, text, layout, allowed, allowed, why);
    }

    private static void require(
            Path file,
            String text,
            Optional<String> layout,
            String allowed,
            String alsoAllowed,
            String why) {
        if (layout.isPresent()
                && !layout.get().equals(allowed)
                && !layout.get().equals(alsoAllowed)) {
            throw new InvalidDataException(
                    file,
                    "layout "
                            + layout.get()
                            + " does not fit shape "
                            + text
                            + " ("
                            + why
                            + "); set the source option layout to "
                            + (allowed.equals(alsoAllowed)
                                    ? allowed
                                    : allowed + " or " + alsoAllowed)
                            + ", or remove it");
        }
    }
}
