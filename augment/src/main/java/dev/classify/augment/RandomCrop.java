package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.ConfigurationException;
import dev.classify.api.HostAugmenter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Pads every image of an NCHW batch by {@code padding} pixels on each side, then crops a (height,
 * width) window at a position drawn per image: (N, C, H, W) becomes (N, C, height, width). Zero
 * padding adds 0 (outside [0, 1] only if the input is); reflect padding mirrors the image without
 * repeating the edge (as NumPy's and PyTorch's {@code reflect}), so the range is kept.
 *
 * <p>The padded batch is never materialised: every output pixel's source index is computed with
 * broadcast tensor arithmetic from per-image row and column maps, and one {@code take} gathers the
 * whole batch. DJL 0.36.0's MXNet {@code NDArray.pad} is not implemented, and slicing image by
 * image costs about ten times as much (per-call {@code NDIndex} overhead). On a Java array ({@link
 * HostAugmenter}) the same index maps drive a plain copy.
 */
final class RandomCrop implements HostAugmenter {
    /** What the padding holds. */
    enum Mode {
        ZERO,
        REFLECT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Mode> of(String label) {
            return Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst();
        }

        static List<String> labels() {
            return Arrays.stream(values()).map(Mode::label).toList();
        }
    }

    private final String sizePath;
    private final String paddingPath;
    private final ImageSize size;
    private final int padding;
    private final Mode mode;

    RandomCrop(String sizePath, String paddingPath, ImageSize size, int padding, Mode mode) {
        this.sizePath = sizePath;
        this.paddingPath = paddingPath;
        this.size = size;
        this.padding = padding;
        this.mode = mode;
    }

    @Override
    public int[] outputShape(int[] chw) {
        int paddedHeight = chw[1] + 2 * padding;
        int paddedWidth = chw[2] + 2 * padding;
        if (size.height() > paddedHeight || size.width() > paddedWidth) {
            throw new ConfigurationException(
                    sizePath,
                    "crop "
                            + size
                            + " is larger than the padded "
                            + paddedHeight
                            + "x"
                            + paddedWidth
                            + " input");
        }
        if (mode == Mode.REFLECT && (padding >= chw[1] || padding >= chw[2])) {
            throw new ConfigurationException(
                    paddingPath,
                    "reflect padding must be smaller than the "
                            + chw[1]
                            + "x"
                            + chw[2]
                            + " input, got "
                            + padding);
        }
        return new int[] {chw[0], size.height(), size.width()};
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        Windows windows = draw(batch.getShape(), random);
        if (windows.unchanged()) {
            return batch;
        }
        int count = windows.count();
        int channels = windows.channels();
        Shape rows = new Shape(count, 1, size.height(), 1);
        Shape columns = new Shape(count, 1, 1, size.width());
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            int[] channelStart = new int[channels];
            for (int c = 0; c < channels; c++) {
                channelStart[c] = c * windows.plane();
            }
            NDArray index =
                    scratch.create(windows.imageStart(), new Shape(count, 1, 1, 1))
                            .add(scratch.create(channelStart, new Shape(1, channels, 1, 1)))
                            .add(scratch.create(windows.rowStart(), rows))
                            .add(scratch.create(windows.column(), columns));
            NDArray result = batch.take(manager, index);
            if (windows.zeroed()) {
                NDArray inside =
                        scratch.create(windows.rowInside(), rows)
                                .mul(scratch.create(windows.columnInside(), columns));
                result.muli(inside);
            }
            return result;
        }
    }

    /**
     * As {@link #apply}: the same draws, the same gather, and, when {@code apply} multiplies by the
     * 0/1 mask of the padding, the same products.
     */
    @Override
    public float[] applyOnHost(float[] pixels, Shape shape, RandomGenerator random) {
        Windows windows = draw(shape, random);
        if (windows.unchanged()) {
            return pixels;
        }
        int count = windows.count();
        int channels = windows.channels();
        int outHeight = size.height();
        int outWidth = size.width();
        float[] result = new float[count * channels * outHeight * outWidth];
        int out = 0;
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                int channelStart = windows.imageStart()[i] + c * windows.plane();
                for (int y = 0; y < outHeight; y++) {
                    int row = i * outHeight + y;
                    int rowStart = channelStart + windows.rowStart()[row];
                    float rowInside = windows.rowInside()[row];
                    for (int x = 0; x < outWidth; x++) {
                        int column = i * outWidth + x;
                        float value = pixels[rowStart + windows.column()[column]];
                        result[out++] =
                                windows.zeroed()
                                        ? value * (rowInside * windows.columnInside()[column])
                                        : value;
                    }
                }
            }
        }
        return result;
    }

    /**
     * The windows drawn for one batch: per image its first index, per output row the index its
     * source row starts at within a channel and whether it lies inside the input (1) or in the
     * padding (0), per output column likewise.
     *
     * @param count N of the input
     * @param channels C of the input
     * @param plane H * W of the input
     * @param unchanged no window leaves the input and the crop is the input's size
     * @param zeroed the padding is zero and some window reaches into it: the gathered values are
     *     multiplied by the inside mask
     */
    private record Windows(
            int count,
            int channels,
            int plane,
            int[] imageStart,
            int[] rowStart,
            int[] column,
            float[] rowInside,
            float[] columnInside,
            boolean unchanged,
            boolean zeroed) {}

    /** Checks the input shape (N, C, H, W) and draws each image's window, top then left. */
    private Windows draw(Shape shape, RandomGenerator random) {
        int count = Math.toIntExact(shape.get(0));
        int channels = Math.toIntExact(shape.get(1));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        outputShape(new int[] {channels, height, width});
        int imageSize = Math.multiplyExact(Math.multiplyExact(channels, height), width);
        Math.multiplyExact(count, imageSize); // indices are int32

        int outHeight = size.height();
        int outWidth = size.width();
        int[] imageStart = new int[count];
        int[] rowStart = new int[count * outHeight];
        int[] column = new int[count * outWidth];
        float[] rowInside = new float[count * outHeight];
        float[] columnInside = new float[count * outWidth];
        boolean outside = false;
        for (int i = 0; i < count; i++) {
            // offsets within the padded image, shifted back to input coordinates
            int top = random.nextInt(height + 2 * padding - outHeight + 1) - padding;
            int left = random.nextInt(width + 2 * padding - outWidth + 1) - padding;
            imageStart[i] = i * imageSize;
            for (int y = 0; y < outHeight; y++) {
                int source = top + y;
                rowStart[i * outHeight + y] = sourceIndex(source, height) * width;
                rowInside[i * outHeight + y] = source >= 0 && source < height ? 1f : 0f;
                outside |= source < 0 || source >= height;
            }
            for (int x = 0; x < outWidth; x++) {
                int source = left + x;
                column[i * outWidth + x] = sourceIndex(source, width);
                columnInside[i * outWidth + x] = source >= 0 && source < width ? 1f : 0f;
                outside |= source < 0 || source >= width;
            }
        }
        return new Windows(
                count,
                channels,
                height * width,
                imageStart,
                rowStart,
                column,
                rowInside,
                columnInside,
                !outside && outHeight == height && outWidth == width,
                mode == Mode.ZERO && outside);
    }

    /** Maps a coordinate of the padded image to the input pixel it copies (any, for zeros). */
    private int sourceIndex(int source, int extent) {
        if (source >= 0 && source < extent) {
            return source;
        }
        if (mode == Mode.ZERO) {
            return 0;
        }
        return source < 0 ? -source : 2 * (extent - 1) - source;
    }
}
