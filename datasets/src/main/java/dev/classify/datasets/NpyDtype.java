package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The numeric {@code .npy} dtypes this plugin reads, with their item size and how one value is
 * decoded.
 *
 * <p>uint8 is kept as bytes; every other dtype is decoded to float32 values. Integers up to 2^24
 * (every pixel or label value accepted) are exact in float32; int64 values above that are rounded,
 * which only matters for values that are rejected as out of range anyway.
 */
enum NpyDtype {
    UINT8("uint8", 1, true),
    INT8("int8", 1, true),
    INT16("int16", 2, true),
    UINT16("uint16", 2, true),
    INT32("int32", 4, true),
    INT64("int64", 8, true),
    FLOAT16("float16", 2, false),
    FLOAT32("float32", 4, false),
    FLOAT64("float64", 8, false);

    static final String SUPPORTED =
            "supported: uint8, uint16, int8, int16, int32, int64, float16, float32, float64 in"
                    + " either byte order; convert with arr.astype('uint8') or"
                    + " arr.astype('float32')";

    private final String numpyName;
    private final int itemSize;
    private final boolean integer;

    NpyDtype(String numpyName, int itemSize, boolean integer) {
        this.numpyName = numpyName;
        this.itemSize = itemSize;
        this.integer = integer;
    }

    /** The NumPy name, e.g. {@code int16}. */
    String numpyName() {
        return numpyName;
    }

    /** Bytes per value. */
    int itemSize() {
        return itemSize;
    }

    /** Whether values are integers (as opposed to floating point). */
    boolean isInteger() {
        return integer;
    }

    /**
     * Parses a header's {@code descr}, e.g. {@code <i2}; {@code |}, {@code =} and no prefix mean
     * the machine order, which NumPy writes only for single bytes.
     *
     * @throws InvalidDataException when the dtype is not supported
     */
    static NpyDtype parse(Path file, String descr) {
        String code =
                descr.isEmpty()
                        ? ""
                        : descr.substring("<>|=".indexOf(descr.charAt(0)) >= 0 ? 1 : 0);
        NpyDtype dtype =
                switch (code) {
                    case "u1", "B" -> UINT8;
                    case "i1", "b" -> INT8;
                    case "i2" -> INT16;
                    case "u2" -> UINT16;
                    case "i4" -> INT32;
                    case "i8" -> INT64;
                    case "f2", "e" -> FLOAT16;
                    case "f4" -> FLOAT32;
                    case "f8" -> FLOAT64;
                    default -> null;
                };
        if (dtype == null) {
            throw new InvalidDataException(file, "unsupported dtype '" + descr + "'; " + SUPPORTED);
        }
        return dtype;
    }

    /** The byte order of {@code descr}: big-endian only for a {@code >} prefix. */
    static ByteOrder order(String descr) {
        return descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Decodes the next value of {@code buffer} (in the buffer's byte order) as a float. */
    float next(ByteBuffer buffer) {
        return switch (this) {
            case UINT8 -> buffer.get() & 0xFF;
            case INT8 -> buffer.get();
            case INT16 -> buffer.getShort();
            case UINT16 -> buffer.getShort() & 0xFFFF;
            case INT32 -> buffer.getInt();
            case INT64 -> buffer.getLong();
            case FLOAT16 -> halfToFloat(buffer.getShort());
            case FLOAT32 -> buffer.getFloat();
            case FLOAT64 -> (float) buffer.getDouble();
        };
    }

    /** IEEE 754 binary16 to float32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Subnormal (or zero): mantissa * 2^-24, exact in float32.
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
