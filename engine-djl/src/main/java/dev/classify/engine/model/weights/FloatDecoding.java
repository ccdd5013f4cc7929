package dev.classify.engine.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns little-endian float32, float16 (IEEE 754 half precision) and bfloat16 values into float32.
 * Java 17 has no half-precision conversion of its own ({@code Float.float16ToFloat} came with Java
 * 20). Stateless.
 */
final class FloatDecoding {
    private FloatDecoding() {}

    /** Bytes per value of a safetensors type code classify reads, or 0 for any other type. */
    static int bytesPerValue(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    /**
     * Decodes {@code bytes} (position to limit) of type {@code dtype} ({@code F32}, {@code F16} or
     * {@code BF16}) into float32 values.
     *
     * @throws IllegalArgumentException for another type
     */
    static float[] decode(String dtype, ByteBuffer bytes) {
        ByteBuffer data = bytes.order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[data.remaining() / Math.max(1, bytesPerValue(dtype))];
        switch (dtype) {
            case "F32" -> data.asFloatBuffer().get(values);
            case "F16" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = halfToFloat(data.getShort());
                }
            }
            case "BF16" -> {
                for (int i = 0; i < values.length; i++) {
                    // bfloat16 is the upper half of a float32.
                    values[i] = Float.intBitsToFloat((data.getShort() & 0xffff) << 16);
                }
            }
            default -> throw new IllegalArgumentException("not a floating type: " + dtype);
        }
        return values;
    }

    /** The float32 value of IEEE 754 half-precision {@code bits}, exactly (every half fits). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            // Infinity or NaN: all exponent bits set, the mantissa kept.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float32.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
