package dev.classify.engine.embed;

import dev.classify.api.ImageSet;
import java.util.List;

/** Unlabelled images already in CHW float32 form, one array each, ids 0..N-1. Immutable. */
final class PixelImages implements ImageSet {
    private final List<float[]> images;
    private final int channels;
    private final int height;
    private final int width;

    /** Takes {@code images} (not copied: the caller does not change them while in use). */
    PixelImages(List<float[]> images, int channels, int height, int width) {
        this.images = List.copyOf(images);
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    @Override
    public int size() {
        return images.size();
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
        float[] pixels = images.get(index);
        System.arraycopy(pixels, 0, destination, offset, pixels.length);
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int index) {
        throw new IllegalStateException("these images have no labels");
    }

    @Override
    public String id(int index) {
        return String.valueOf(index);
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }
}
