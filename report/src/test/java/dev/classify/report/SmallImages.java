package dev.classify.report;

import dev.classify.api.ImageSet;
import java.util.List;

/** A hand-made labelled image set: image i is filled with the value i / size, label labels[i]. */
public final class SmallImages implements ImageSet {
    private final int channels;
    private final int side;
    private final int[] labels;
    private final List<String> classNames;

    public SmallImages(int channels, int side, int[] labels, List<String> classNames) {
        this.channels = channels;
        this.side = side;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return side;
    }

    @Override
    public int width() {
        return side;
    }

    @Override
    public void copyPixels(int index, float[] destination, int offset) {
        int values = channels * side * side;
        for (int i = 0; i < values; i++) {
            destination[offset + i] = (float) index / size();
        }
    }

    @Override
    public boolean hasLabels() {
        return true;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public String id(int index) {
        return "img-" + index;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }
}
