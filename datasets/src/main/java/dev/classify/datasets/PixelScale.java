package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.nio.file.Path;

/**
 * The divisor that maps stored pixel values to [0, 1]: the source option {@code scale}, by default
 * 255 for integer dtypes and 1 for float dtypes. Every stored value must lie in [0, scale]; the
 * first that does not is reported with its index and value. Immutable.
 *
 * @param value the divisor, positive and finite
 * @param configured whether the value came from the {@code scale} option rather than the default
 */
record PixelScale(float value, boolean configured) {
    /** The option key. */
    static final String OPTION = "scale";

    PixelScale {
        if (!(value > 0 && Float.isFinite(value))) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + value);
        }
    }

    /** The default for {@code dtype}: 255 for integers, 1 for floats. */
    static PixelScale defaultFor(NpyDtype dtype) {
        return new PixelScale(dtype.isInteger() ? 255f : 1f, false);
    }

    /**
     * Checks that every value of {@code array} lies in [0, scale].
     *
     * @throws InvalidDataException naming the first value outside, its index and the fix
     */
    void check(Path file, NpyArray array) {
        if (array.isUint8()) {
            if (value >= 255f) {
                return;
            }
            byte[] values = array.uint8Values();
            for (int i = 0; i < values.length; i++) {
                if ((values[i] & 0xFF) > value) {
                    throw outside(file, array, i, values[i] & 0xFF);
                }
            }
            return;
        }
        float[] values = array.floatValues();
        for (int i = 0; i < values.length; i++) {
            // Written so that NaN fails too.
            if (!(values[i] >= 0f && values[i] <= value)) {
                throw outside(file, array, i, values[i]);
            }
        }
    }

    private InvalidDataException outside(Path file, NpyArray array, int index, float bad) {
        NpyDtype dtype = array.dtype();
        String fix;
        if (configured) {
            fix =
                    "pixels are divided by the source option scale "
                            + format(value)
                            + ": set scale to the largest possible pixel value, or correct the"
                            + " data";
        } else if (dtype.isInteger()) {
            fix =
                    dtype.numpyName()
                            + " pixels are divided by 255 by default: set the source option"
                            + " scale to the largest possible pixel value (e.g. scale: 65535 for"
                            + " 16-bit images), or save arr.astype('uint8')";
        } else {
            fix =
                    "float ("
                            + array.descr()
                            + ") pixels must be scaled to [0, 1]: set the source option scale:"
                            + " 255 for pixels in 0..255, or save arr / 255.0";
        }
        return new InvalidDataException(
                file,
                "pixel value "
                        + (dtype.isInteger() ? format(bad) : String.valueOf(bad))
                        + " at index "
                        + array.indexText(index)
                        + " is outside [0, "
                        + format(value)
                        + "]"
                        + (bad < 0 ? " (negative pixels cannot be scaled)" : "")
                        + "; "
                        + fix);
    }

    /** Whole numbers without a fraction, as NumPy prints integers: 300, not 300.0. */
    static String format(float number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? String.valueOf((long) number)
                : String.valueOf(number);
    }
}
