package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import java.util.List;
import java.util.Objects;

/**
 * Images decoded from image files, held as 8-bit pixels in one array (N x C x H x W bytes,
 * channel-major), with the class of each image when they came from class folders. {@link
 * #copyPixels} divides by 255. Ids are the files' paths relative to the folder read, with {@code /}
 * between a class folder and the file name. Immutable and thread safe.
 */
final class FolderImageSet implements ImageSet {
    private final byte[] pixels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> ids;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * Wraps decoded images.
     *
     * @param pixels N x C x H x W bytes
     * @param ids one id per image
     * @param labels the class index of each image, or {@code null} for an unlabelled set
     * @param classNames the class names indexed by label; empty for an unlabelled set
     */
    FolderImageSet(
            byte[] pixels,
            int channels,
            int height,
            int width,
            List<String> ids,
            int[] labels,
            List<String> classNames) {
        this.pixels = requireNonNull(pixels, "pixels is null");
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.ids = List.copyOf(ids);
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        if ((long) this.ids.size() * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(
                    pixels.length
                            + " bytes for "
                            + this.ids.size()
                            + " images of "
                            + channels
                            + "x"
                            + height
                            + "x"
                            + width);
        }
        if (labels != null && labels.length != this.ids.size()) {
            throw new IllegalArgumentException(
                    labels.length + " labels for " + this.ids.size() + " images");
        }
    }

    @Override
    public int size() {
        return ids.size();
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
        Objects.checkIndex(index, size());
        int length = channels * height * width;
        Objects.checkFromIndexSize(offset, length, destination.length);
        int start = index * length;
        for (int i = 0; i < length; i++) {
            destination[offset + i] = (pixels[start + i] & 0xFF) / 255f;
        }
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, size());
        if (labels == null) {
            throw new IllegalStateException(
                    "the images have no labels; put them into one folder per class");
        }
        return labels[index];
    }

    @Override
    public String id(int index) {
        return ids.get(index);
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String toString() {
        return "FolderImageSet["
                + size()
                + " x "
                + channels
                + " x "
                + height
                + " x "
                + width
                + (hasLabels() ? ", " + classNames.size() + " classes" : "")
                + "]";
    }
}
