package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Images held in an {@link NpyArray} in one of the layouts of {@link ImageLayout} (NHW, NHWC, NCHW
 * or flat rows), with optional {@link ClassLabels}.
 *
 * <p>Pixels stay in the array as read (uint8 as one byte each) and are divided by the {@link
 * PixelScale} when copied out: 255 by default for integer dtypes, 1 for float dtypes, so float
 * pixels must already lie in [0, 1] unless the {@code scale} option says otherwise. {@link
 * #copyPixels} writes channels-first (CHW) float32, transposing channels-last input. Ids are the
 * row indices "0".."N-1". Immutable and thread safe.
 */
public final class NpyImageSet implements ImageSet {
    private final NpyArray array;
    private final ImageLayout layout;
    private final float scale;
    private final Optional<ClassLabels> labels;

    private NpyImageSet(
            NpyArray array, ImageLayout layout, float scale, Optional<ClassLabels> labels) {
        this.array = array;
        this.layout = layout;
        this.scale = scale;
        this.labels = labels;
    }

    /**
     * Wraps the images in {@code array}, read from {@code file}, with the default layout and scale
     * and without labels.
     *
     * @throws InvalidDataException see {@link #of(Path, NpyArray, Optional, List, OptionalDouble)}
     */
    public static NpyImageSet of(Path file, NpyArray array) {
        return of(file, array, Optional.empty(), List.of(), OptionalDouble.empty());
    }

    /**
     * Wraps the images in {@code array}, read from {@code file}, without labels.
     *
     * @param file the file the array was read from, named in error messages
     * @param array the images
     * @param layout the {@code layout} option (NHW, NHWC or NCHW), or empty to infer it
     * @param shape the {@code shape} option for flat arrays, [H, W] or [H, W, C], or empty
     * @param scale the {@code scale} option, positive, or empty for the dtype's default
     * @throws InvalidDataException when the shape does not fit the layout (see {@link
     *     ImageLayout}), there are no images, or a pixel lies outside [0, scale]
     */
    public static NpyImageSet of(
            Path file,
            NpyArray array,
            Optional<String> layout,
            List<Integer> shape,
            OptionalDouble scale) {
        requireNonNull(file, "file is null");
        requireNonNull(array, "array is null");
        ImageLayout imageLayout = ImageLayout.of(file, array, layout, List.copyOf(shape));
        PixelScale pixelScale =
                scale.isPresent()
                        ? new PixelScale((float) scale.getAsDouble(), true)
                        : PixelScale.defaultFor(array.dtype());
        pixelScale.check(file, array);
        return new NpyImageSet(array, imageLayout, pixelScale.value(), Optional.empty());
    }

    /**
     * Returns the same images with {@code labels}; the images are shared, not copied.
     *
     * @throws IllegalArgumentException when {@code labels} does not have one label per image
     */
    public NpyImageSet withLabels(ClassLabels labels) {
        requireNonNull(labels, "labels is null");
        if (labels.size() != size()) {
            throw new IllegalArgumentException(
                    labels.size() + " labels for " + size() + " images; read them for " + size());
        }
        return new NpyImageSet(array, layout, scale, Optional.of(labels));
    }

    @Override
    public int size() {
        return layout.count();
    }

    @Override
    public int channels() {
        return layout.channels();
    }

    @Override
    public int height() {
        return layout.height();
    }

    @Override
    public int width() {
        return layout.width();
    }

    @Override
    public void copyPixels(int index, float[] destination, int offset) {
        Objects.checkIndex(index, size());
        int channels = layout.channels();
        int pixels = layout.height() * layout.width();
        int length = channels * pixels;
        Objects.checkFromIndexSize(offset, length, destination.length);
        int start = index * length;
        boolean transpose = layout.channelsLast() && channels > 1;
        if (array.isUint8()) {
            byte[] source = array.uint8Values();
            if (!transpose) {
                for (int i = 0; i < length; i++) {
                    destination[offset + i] = (source[start + i] & 0xFF) / scale;
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    int target = offset + c * pixels;
                    for (int p = 0; p < pixels; p++) {
                        destination[target + p] = (source[start + p * channels + c] & 0xFF) / scale;
                    }
                }
            }
        } else {
            float[] source = array.floatValues();
            if (!transpose) {
                for (int i = 0; i < length; i++) {
                    destination[offset + i] = source[start + i] / scale;
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    int target = offset + c * pixels;
                    for (int p = 0; p < pixels; p++) {
                        destination[target + p] = source[start + p * channels + c] / scale;
                    }
                }
            }
        }
    }

    @Override
    public boolean hasLabels() {
        return labels.isPresent();
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, size());
        return labels.orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "the images have no labels; give the data source a"
                                                + " labels file"))
                .label(index);
    }

    @Override
    public OptionalInt labelLine(int index) {
        Objects.checkIndex(index, size());
        return labels.isPresent() ? labels.get().line(index) : OptionalInt.empty();
    }

    @Override
    public String id(int index) {
        return String.valueOf(Objects.checkIndex(index, size()));
    }

    @Override
    public List<String> classNames() {
        return labels.map(ClassLabels::classNames).orElse(List.of());
    }

    @Override
    public String toString() {
        return "NpyImageSet["
                + size()
                + " x "
                + channels()
                + " x "
                + height()
                + " x "
                + width()
                + ", "
                + array.descr()
                + (hasLabels() ? ", labelled" : "")
                + "]";
    }
}
