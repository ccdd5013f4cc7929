package dev.classify.engine.data;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import java.util.List;
import java.util.Objects;

/**
 * Training images followed by validation images of their own ({@code data.validation.images}), with
 * the validation labels given as class indices of the training set; one set, so that the training
 * loop and the hold-out evaluation index both alike. Immutable.
 */
final class JoinedImageSet implements ImageSet {
    private final ImageSet train;
    private final ImageSet validation;
    private final int[] validationClasses;

    /**
     * @param validationClasses the training class index of every validation image
     */
    JoinedImageSet(ImageSet train, ImageSet validation, int[] validationClasses) {
        this.train = requireNonNull(train, "train is null");
        this.validation = requireNonNull(validation, "validation is null");
        this.validationClasses = validationClasses.clone();
        if (validationClasses.length != validation.size()) {
            throw new IllegalArgumentException("one class per validation image needed");
        }
    }

    /** The split of this set: the training images first, then the validation images. */
    HoldOutSplit split() {
        int first = train.size();
        int[] trainIndices = java.util.stream.IntStream.range(0, first).toArray();
        int[] validationIndices =
                java.util.stream.IntStream.range(first, first + validation.size()).toArray();
        return new HoldOutSplit(trainIndices, validationIndices);
    }

    @Override
    public int size() {
        return train.size() + validation.size();
    }

    @Override
    public int channels() {
        return train.channels();
    }

    @Override
    public int height() {
        return train.height();
    }

    @Override
    public int width() {
        return train.width();
    }

    @Override
    public void copyPixels(int index, float[] destination, int offset) {
        Objects.checkIndex(index, size());
        if (index < train.size()) {
            train.copyPixels(index, destination, offset);
        } else {
            validation.copyPixels(index - train.size(), destination, offset);
        }
    }

    @Override
    public boolean hasLabels() {
        return true;
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, size());
        return index < train.size() ? train.label(index) : validationClasses[index - train.size()];
    }

    @Override
    public String id(int index) {
        Objects.checkIndex(index, size());
        return index < train.size() ? train.id(index) : validation.id(index - train.size());
    }

    @Override
    public List<String> classNames() {
        return train.classNames();
    }
}
