package dev.classify.engine.model;

import dev.classify.api.ImageSet;
import java.util.List;

/**
 * Unlabelled 1x28x28 images with an asymmetric pattern of their own, seen as they are or moved:
 * pixel (x, y) of the view is the image's pixel (x - dx, y - dy), clamped into the image (the
 * border repeated), of the left-right mirror when {@code mirror}.
 */
record PatternImages(int size, int dx, int dy, boolean mirror) implements ImageSet {
    private static final int SIDE = 28;

    /** {@code size} images as they are. */
    PatternImages(int size) {
        this(size, 0, 0, false);
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return SIDE;
    }

    @Override
    public int width() {
        return SIDE;
    }

    @Override
    public void copyPixels(int index, float[] destination, int offset) {
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int sourceX = clamp(mirror ? SIDE - 1 - x : x - dx);
                int sourceY = clamp(y - dy);
                float value = ((sourceX * 7 + sourceY * sourceY * 3 + index * 5) % 17) / 16f;
                destination[offset + y * SIDE + x] = value;
            }
        }
    }

    private static int clamp(int coordinate) {
        return Math.max(0, Math.min(SIDE - 1, coordinate));
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int index) {
        throw new UnsupportedOperationException("no labels");
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
