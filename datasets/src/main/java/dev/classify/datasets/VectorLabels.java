package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Integer class labels held in a vector, one per image in row order: a {@code .npy} or {@code .npz}
 * array of shape (N,) or (N, 1) and an integer dtype, or an IDX label file. Labels are class
 * indices 0..{@value LabelColumn#MAX_LABEL}; the class names are "0".."K-1" with K the largest
 * label plus one. Immutable and thread safe.
 */
final class VectorLabels implements ClassLabels {
    private final int[] labels;
    private final int classCount;

    private VectorLabels(int[] labels, int classCount) {
        this.labels = labels;
        this.classCount = classCount;
    }

    /**
     * Reads the labels of {@code imageCount} images from {@code array}, read from {@code file}.
     *
     * @throws InvalidDataException when the array is not an integer vector, its length differs from
     *     {@code imageCount}, or a label is negative or too large
     */
    static VectorLabels of(Path file, NpyArray array, int imageCount) {
        List<Integer> shape = array.shape();
        if (!array.dtype().isInteger()) {
            throw new InvalidDataException(
                    file,
                    "labels of dtype "
                            + array.descr()
                            + " are not integers; save class indices with"
                            + " labels.astype('int64')");
        }
        boolean vector = shape.size() == 1 || (shape.size() == 2 && shape.get(1) == 1);
        if (!vector) {
            throw new InvalidDataException(
                    file,
                    "labels of shape "
                            + array.shapeText()
                            + " are not a vector; save one class index per image, shape (N,),"
                            + " e.g. np.argmax(one_hot, axis=1)");
        }
        if (shape.get(0) != imageCount) {
            throw new InvalidDataException(
                    file,
                    shape.get(0)
                            + " labels for "
                            + imageCount
                            + " images; give exactly one label per image, in the images' order");
        }
        int[] labels = new int[imageCount];
        int max = -1;
        for (int i = 0; i < imageCount; i++) {
            float value = array.isUint8() ? array.uint8Values()[i] & 0xFF : array.floatValues()[i];
            if (value < 0 || value > LabelColumn.MAX_LABEL) {
                throw new InvalidDataException(
                        file,
                        "label "
                                + PixelScale.format(value)
                                + " at index "
                                + i
                                + " is outside 0.."
                                + LabelColumn.MAX_LABEL
                                + "; labels are class indices 0, 1, 2, ...");
            }
            labels[i] = (int) value;
            max = Math.max(max, labels[i]);
        }
        return new VectorLabels(labels, max + 1);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[Objects.checkIndex(index, labels.length)];
    }

    @Override
    public List<String> classNames() {
        return new NumberedClassNames(classCount);
    }
}
