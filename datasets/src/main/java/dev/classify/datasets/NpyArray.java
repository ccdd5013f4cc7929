package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The contents of one {@code .npy} file as read by {@link NpyReader}: its dtype, its shape and its
 * values in C (row-major) order (Fortran-order files are transposed on read).
 *
 * <p>uint8 values stay one byte each. Every other dtype (int8 to int64, uint16, float16 to float64)
 * is held as float32 values, unscaled: integer data costs 4 bytes a value in memory unless it is
 * uint8, so save 8-bit images as uint8. Immutable: the value arrays are never handed out of this
 * package, so instances are safe to share between threads.
 */
public final class NpyArray {
    private final String descr;
    private final NpyDtype dtype;
    private final List<Integer> shape;
    private final byte[] uint8Values;
    private final float[] floatValues;

    private NpyArray(
            String descr,
            NpyDtype dtype,
            List<Integer> shape,
            byte[] uint8Values,
            float[] floatValues) {
        this.descr = requireNonNull(descr, "descr is null");
        this.dtype = requireNonNull(dtype, "dtype is null");
        this.shape = List.copyOf(requireNonNull(shape, "shape is null"));
        this.uint8Values = uint8Values;
        this.floatValues = floatValues;
        int expected = elementCount(this.shape);
        int actual = uint8Values != null ? uint8Values.length : floatValues.length;
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "shape " + this.shape + " needs " + expected + " values, got " + actual);
        }
    }

    /** Wraps uint8 values (not copied: the caller hands them over) of the given shape. */
    static NpyArray ofUint8(String descr, List<Integer> shape, byte[] values) {
        return new NpyArray(
                descr, NpyDtype.UINT8, shape, requireNonNull(values, "values is null"), null);
    }

    /**
     * Wraps values of {@code dtype} decoded to float (not copied: the caller hands them over) of
     * the given shape.
     */
    static NpyArray ofFloat(String descr, NpyDtype dtype, List<Integer> shape, float[] values) {
        if (dtype == NpyDtype.UINT8) {
            throw new IllegalArgumentException("uint8 values are kept as bytes");
        }
        return new NpyArray(descr, dtype, shape, null, requireNonNull(values, "values is null"));
    }

    /** The dtype as written in the file's header, e.g. {@code |u1} or {@code <f4}. */
    public String descr() {
        return descr;
    }

    /** The dtype's kind and size. */
    NpyDtype dtype() {
        return dtype;
    }

    /** The dimensions, outermost first, e.g. {@code [30000, 28, 28]}; empty for a scalar. */
    public List<Integer> shape() {
        return shape;
    }

    /** Whether the values are uint8 (0..255), kept as bytes; otherwise they are floats. */
    public boolean isUint8() {
        return uint8Values != null;
    }

    /** The number of values, the product of the dimensions. */
    public int elementCount() {
        return isUint8() ? uint8Values.length : floatValues.length;
    }

    /** The uint8 values in C order, not copied; only when {@link #isUint8()}. */
    byte[] uint8Values() {
        if (uint8Values == null) {
            throw new IllegalStateException("array of " + descr + " has no uint8 values");
        }
        return uint8Values;
    }

    /** The float values in C order, not copied; only when not {@link #isUint8()}. */
    float[] floatValues() {
        if (floatValues == null) {
            throw new IllegalStateException("array of " + descr + " has no float values");
        }
        return floatValues;
    }

    /**
     * Formats the C-order position of value {@code flatIndex} as NumPy prints it, e.g. (1, 0, 2).
     */
    String indexText(int flatIndex) {
        Integer[] index = new Integer[shape.size()];
        int rest = flatIndex;
        for (int axis = shape.size() - 1; axis >= 0; axis--) {
            index[axis] = rest % shape.get(axis);
            rest /= shape.get(axis);
        }
        return formatShape(List.of(index));
    }

    /** Formats the shape as NumPy prints it, e.g. {@code (64, 28, 28)} or {@code (5,)}. */
    String shapeText() {
        return formatShape(shape);
    }

    static String formatShape(List<? extends Number> shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(shape.get(i));
        }
        return text.append(shape.size() == 1 ? ",)" : ")").toString();
    }

    private static int elementCount(List<Integer> shape) {
        int count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shape);
            }
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr + " " + shapeText() + "]";
    }
}
