package dev.classify.engine.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns little-endian float32, float16 and bfloat16 tensor bytes into float32 arrays. Float16 is
 * converted by the engine (both have half-precision arrays); bfloat16, which MXNet lacks, is the
 * upper half of a float32 and is widened here. Stateless.
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
     * Returns a float32 array of {@code shape} on {@code manager} holding {@code bytes} (position
     * to limit) of type {@code dtype}: {@code F32}, {@code F16} or {@code BF16}.
     *
     * @throws IllegalArgumentException for another type
     */
    static NDArray decode(String dtype, ByteBuffer bytes, long[] shape, NDManager manager) {
        ByteBuffer data = bytes.order(ByteOrder.LITTLE_ENDIAN);
        Shape dimensions = new Shape(shape);
        switch (dtype) {
            case "F32" -> {
                return manager.create(data.asFloatBuffer(), dimensions);
            }
            case "F16" -> {
                try (NDArray half = manager.create(data, dimensions, DataType.FLOAT16)) {
                    return half.toType(DataType.FLOAT32, true);
                }
            }
            case "BF16" -> {
                float[] values = new float[data.remaining() / 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.intBitsToFloat((data.getShort() & 0xffff) << 16);
                }
                return manager.create(values, dimensions);
            }
            default -> throw new IllegalArgumentException("not a floating type: " + dtype);
        }
    }
}
