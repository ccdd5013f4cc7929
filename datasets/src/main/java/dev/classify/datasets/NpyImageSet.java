package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Images held in an {@link NpyArray} of shape (N, H, W) (grayscale) or (N, H, W, C) with C 1 or 3
 * (channels last, as NumPy and PIL write them), with optional {@link CsvLabels}.
 *
 * <p>uint8 pixels stay one byte each and are divided by 255 when copied out; float pixels must
 * already lie in [0, 1]. {@link #copyPixels} writes channels-first (CHW) float32, transposing
 * channels-last input. Ids are the row indices "0".."N-1". Immutable and thread safe.
 */
public final class NpyImageSet implements ImageSet {
    private final NpyArray array;
    private final Optional<CsvLabels> labels;
    private final int size;
    private final int height;
    private final int width;
    private final int channels;

    private NpyImageSet(NpyArray array, Optional<CsvLabels> labels) {
        this.array = array;
        this.labels = labels;
        List<Integer> shape = array.shape();
        this.size = shape.get(0);
        this.height = shape.get(1);
        this.width = shape.get(2);
        this.channels = shape.size() == 4 ? shape.get(3) : 1;
    }

    /**
     * Wraps the images in {@code array}, read from {@code file}, without labels.
     *
     * @param file the file the array was read from, named in error messages
     * @param array the images
     * @throws InvalidDataException when the shape is not (N, H, W) or (N, H, W, C) with C 1 or 3,
     *     there are no images, or a float pixel lies outside [0, 1]
     */
    public static NpyImageSet of(Path file, NpyArray array) {
        requireNonNull(file, "file is null");
        requireNonNull(array, "array is null");
        checkShape(file, array);
        if (!array.isUint8()) {
            checkRange(file, array);
        }
        return new NpyImageSet(array, Optional.empty());
    }

    /**
     * Returns the same images with {@code labels}; the images are shared, not copied.
     *
     * @throws IllegalArgumentException when {@code labels} does not have one label per image
     */
    public NpyImageSet withLabels(CsvLabels labels) {
        requireNonNull(labels, "labels is null");
        if (labels.size() != size) {
            throw new IllegalArgumentException(
                    labels.size() + " labels for " + size + " images; read them for " + size);
        }
        return new NpyImageSet(array, Optional.of(labels));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void copyPixels(int index, float[] destination, int offset) {
        Objects.checkIndex(index, size);
        int pixels = height * width;
        int length = channels * pixels;
        Objects.checkFromIndexSize(offset, length, destination.length);
        int start = index * length;
        if (array.isUint8()) {
            byte[] source = array.uint8Values();
            if (channels == 1) {
                for (int i = 0; i < length; i++) {
                    destination[offset + i] = (source[start + i] & 0xFF) / 255f;
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    int target = offset + c * pixels;
                    for (int p = 0; p < pixels; p++) {
                        destination[target + p] = (source[start + p * channels + c] & 0xFF) / 255f;
                    }
                }
            }
        } else {
            float[] source = array.floatValues();
            if (channels == 1) {
                System.arraycopy(source, start, destination, offset, length);
            } else {
                for (int c = 0; c < channels; c++) {
                    int target = offset + c * pixels;
                    for (int p = 0; p < pixels; p++) {
                        destination[target + p] = source[start + p * channels + c];
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
        Objects.checkIndex(index, size);
        return labels.orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "the images have no labels; give the data source a"
                                                + " labels file"))
                .label(index);
    }

    @Override
    public String id(int index) {
        return String.valueOf(Objects.checkIndex(index, size));
    }

    @Override
    public List<String> classNames() {
        return labels.map(CsvLabels::classNames).orElse(List.of());
    }

    @Override
    public String toString() {
        return "NpyImageSet["
                + size
                + " x "
                + channels
                + " x "
                + height
                + " x "
                + width
                + ", "
                + array.descr()
                + (hasLabels() ? ", labelled" : "")
                + "]";
    }

    private static void checkShape(Path file, NpyArray array) {
        List<Integer> shape = array.shape();
        boolean imageShape =
                shape.size() == 3
                        || (shape.size() == 4 && (shape.get(3) == 1 || shape.get(3) == 3));
        if (!imageShape) {
            String hint =
                    shape.size() == 4 && (shape.get(1) == 1 || shape.get(1) == 3)
                            ? "; for channels-first images save arr.transpose(0, 2, 3, 1)"
                            : "";
            throw new InvalidDataException(
                    file,
                    "unsupported shape "
                            + array.shapeText()
                            + "; expected (N, H, W) for grayscale or (N, H, W, C) with C 1 or 3"
                            + hint);
        }
        if (shape.get(0) == 0) {
            throw new InvalidDataException(
                    file, "no images: shape " + array.shapeText() + "; save at least one image");
        }
        if (shape.get(1) == 0 || shape.get(2) == 0) {
            throw new InvalidDataException(
                    file,
                    "empty images: shape "
                            + array.shapeText()
                            + "; height and width must be at least 1");
        }
    }

    private static void checkRange(Path file, NpyArray array) {
        float[] values = array.floatValues();
        for (int i = 0; i < values.length; i++) {
            float value = values[i];
            // Written so that NaN fails too.
            if (!(value >= 0f && value <= 1f)) {
                int imageSize = values.length / array.shape().get(0);
                throw new InvalidDataException(
                        file,
                        "pixel value "
                                + value
                                + " in image "
                                + i / imageSize
                                + " is outside [0, 1]; float ("
                                + array.descr()
                                + ") pixels must be scaled to [0, 1]: save arr / 255.0, or save"
                                + " uint8 pixels with arr.astype('uint8')");
            }
        }
    }
}
