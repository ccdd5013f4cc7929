package dev.classify.engine.data;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import java.util.List;

/**
 * Some images of another set, e.g. the hold-out, in the given order; possibly with the classes
 * numbered anew ({@link ClassSelection}). Immutable.
 */
public final class ImageSubset implements ImageSet {
    private final ImageSet images;
    private final int[] indices;
    private final int[] newLabels;
    private final List<String> classNames;

    public ImageSubset(ImageSet images, int[] indices) {
        this(images, indices, null, null);
    }

    /**
     * The images {@code indices} of {@code images}, whose label L becomes {@code newLabels[L]}
     * among {@code classNames}; both null to keep the labels.
     */
    ImageSubset(ImageSet images, int[] indices, int[] newLabels, List<String> classNames) {
        this.images = requireNonNull(images, "images is null");
        this.indices = indices.clone();
        if (this.indices.length == 0) {
            throw new IllegalArgumentException("a subset holds at least one image");
        }
        this.newLabels = newLabels == null ? null : newLabels.clone();
        this.classNames = classNames == null ? null : List.copyOf(classNames);
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int channels() {
        return images.channels();
    }

    @Override
    public int height() {
        return images.height();
    }

    @Override
    public int width() {
        return images.width();
    }

    @Override
    public void copyPixels(int index, float[] destination, int offset) {
        images.copyPixels(indices[index], destination, offset);
    }

    @Override
    public boolean hasLabels() {
        return images.hasLabels();
    }

    @Override
    public int label(int index) {
        int label = images.label(indices[index]);
        return newLabels == null ? label : newLabels[label];
    }

    @Override
    public String id(int index) {
        return images.id(indices[index]);
    }

    @Override
    public List<String> classNames() {
        return classNames == null ? images.classNames() : classNames;
    }
}
