package dev.classify.engine.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.runtime.EngineChoice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SafetensorsFileTest {
    @TempDir Path folder;

    private static byte[] shorts(int... values) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            bytes.putShort((short) value);
        }
        return bytes.array();
    }

    @Test
    void decodesFloat32Float16AndBfloat16IntoFloat32() throws IOException {
        Path file =
                new SafetensorsWriter()
                        .addFloats("a", new long[] {2}, new float[] {1.5f, -2f})
                        // 1, -2, 65504 (the largest half), 2^-24 (the smallest subnormal), -0,
                        // infinity
                        .add(
                                "h",
                                "F16",
                                new long[] {2, 3},
                                shorts(0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000, 0x7c00))
                        // 1, -2, 3.140625
                        .add("b", "BF16", new long[] {3}, shorts(0x3f80, 0xc000, 0x4049))
                        .write(folder.resolve("w.safetensors"));

        SafetensorsFile weights = SafetensorsFile.open(file);

        assertThat(weights.entries().keySet()).containsExactly("a", "h", "b");
        assertThat(weights.entries().get("h").shape()).containsExactly(2, 3);
        for (String engine : EngineChoice.KNOWN) {
            try (NDManager manager = NDManager.newBaseManager(engine)) {
                NDArray half = weights.read(weights.entries().get("h"), manager);
                assertThat(half.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(half.getShape()).isEqualTo(new Shape(2, 3));
                assertThat(half.toFloatArray())
                        .containsExactly(1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY);
                assertThat(weights.read(weights.entries().get("a"), manager).toFloatArray())
                        .containsExactly(1.5f, -2f);
                assertThat(weights.read(weights.entries().get("b"), manager).toFloatArray())
                        .containsExactly(1f, -2f, 3.140625f);
            }
        }
    }

    @Test
    void decodesEveryHalfPrecisionValueOnBothEngines() throws IOException {
        int[] all = new int[1 << 16];
        for (int bits = 0; bits < all.length; bits++) {
            all[bits] = bits;
        }
        Path file =
                new SafetensorsWriter()
                        .add("h", "F16", new long[] {all.length}, shorts(all))
                        .write(folder.resolve("w.safetensors"));
        SafetensorsFile weights = SafetensorsFile.open(file);

        for (String engine : EngineChoice.KNOWN) {
            try (NDManager manager = NDManager.newBaseManager(engine)) {
                float[] values = weights.read(weights.entries().get("h"), manager).toFloatArray();
                for (int bits = 0; bits < all.length; bits++) {
                    float expected = half(bits);
                    if (Float.isNaN(expected)) {
                        assertThat(values[bits]).as("0x%04x on %s", bits, engine).isNaN();
                    } else {
                        assertThat(Float.floatToIntBits(values[bits]))
                                .as("0x%04x on %s", bits, engine)
                                .isEqualTo(Float.floatToIntBits(expected));
                    }
                }
            }
        }
    }

    /** The value of half-precision {@code bits}, by IEEE 754's definition. */
    private static float half(int bits) {
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        double sign = (bits & 0x8000) == 0 ? 1 : -1;
        if (exponent == 0x1f) {
            return mantissa == 0 ? (float) (sign * Double.POSITIVE_INFINITY) : Float.NaN;
        }
        return (float)
                (sign
                        * (exponent == 0
                                ? mantissa * Math.pow(2, -24)
                                : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15)));
    }

    @Test
    void readsAFileWhoseHeaderLengthBeginsLikeAPickle() throws IOException {
        // A header of 384 bytes: its length's first byte is 0x80, a pickle's first byte.
        Path file =
                new SafetensorsWriter()
                        .addFloats("a", new long[] {1}, new float[] {3f})
                        .headerLength(0x180)
                        .write(folder.resolve("w.safetensors"));

        SafetensorsFile weights = SafetensorsFile.open(file);

        try (NDManager manager = NDManager.newBaseManager(PipelineConfig.DEFAULT_ENGINE)) {
            assertThat(weights.read(weights.entries().get("a"), manager).toFloatArray())
                    .containsExactly(3f);
        }
    }

    @Test
    void refusesAPyTorchCheckpointWithoutUnpicklingIt() throws IOException {
        Path zip =
                Files.write(
                        folder.resolve("resnet18.pth"),
                        new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        Path pickle =
                Files.write(
                        folder.resolve("old.pt"), new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});

        assertThatThrownBy(() -> SafetensorsFile.open(zip))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        zip
                                + ": is a PyTorch checkpoint (a zip of pickles), which classify"
                                + " never unpickles (unpickling runs code); convert it to"
                                + " safetensors with: python3 -c \"import sys, torch; from"
                                + " safetensors.torch import save_file;"
                                + " save_file(torch.load(sys.argv[1], map_location='cpu'),"
                                + " sys.argv[2])\" IN.pt OUT.safetensors");
        assertThatThrownBy(() -> SafetensorsFile.open(pickle))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("is a PyTorch checkpoint (a pickle)")
                .hasMessageContaining(PickleCheckpoint.CONVERSION);
    }

    @Test
    void namesTheTensorOfATruncatedFile() throws IOException {
        Path file =
                new SafetensorsWriter()
                        .addFloats("conv1.weight", new long[] {4}, new float[4])
                        .write(folder.resolve("w.safetensors"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": not a readable safetensors file: tensor conv1.weight lies at"
                                + " bytes 0 to 16 of a data section of 13 bytes (the file is"
                                + " truncated?); write it again with safetensors' save_file");
    }

    @Test
    void namesTheTensorWhoseBytesDoNotFitItsShape() throws IOException {
        Path file =
                new SafetensorsWriter()
                        .add("fc.bias", "F16", new long[] {3}, new byte[4])
                        .write(folder.resolve("w.safetensors"));

        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(
                        "tensor fc.bias of F16 (3) needs 6 bytes but its data_offsets give 4");
    }

    @Test
    void refusesWhatIsNotSafetensors() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.safetensors"), "hello, world");
        Path json = Files.write(folder.resolve("list.safetensors"), header("[1, 2]"));
        Path empty = Files.write(folder.resolve("empty.safetensors"), new byte[0]);

        assertThatThrownBy(() -> SafetensorsFile.open(text))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("not a readable safetensors file: its header length says");
        assertThatThrownBy(() -> SafetensorsFile.open(json))
                .hasMessageContaining("its header is not a JSON object");
        assertThatThrownBy(() -> SafetensorsFile.open(empty))
                .hasMessageContaining("it is 0 bytes long");
        assertThatThrownBy(() -> SafetensorsFile.open(folder.resolve("absent.safetensors")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageEndingWith(
                        "absent.safetensors: cannot read the weights (no such file); check the"
                                + " path");
    }

    @Test
    void refusesFractionalShapesAndOffsets() throws IOException {
        Path shape =
                Files.write(
                        folder.resolve("shape.safetensors"),
                        header(
                                "{\"fc.bias\": {\"dtype\": \"F16\", \"shape\": [2.5],"
                                        + " \"data_offsets\": [0, 4]}}"));
        Path offsets =
                Files.write(
                        folder.resolve("offsets.safetensors"),
                        header(
                                "{\"fc.bias\": {\"dtype\": \"F16\", \"shape\": [2],"
                                        + " \"data_offsets\": [0.5, 4.5]}}"));

        assertThatThrownBy(() -> SafetensorsFile.open(shape))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("tensor fc.bias has the shape [2.5]");
        assertThatThrownBy(() -> SafetensorsFile.open(offsets))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("tensor fc.bias lacks dtype, shape or data_offsets");
    }

    @Test
    void listsTensorsOfOtherTypesButDoesNotDecodeThem() throws IOException {
        Path file =
                new SafetensorsWriter()
                        .addCounter("bn1.num_batches_tracked")
                        .write(folder.resolve("w.safetensors"));
        SafetensorsFile weights = SafetensorsFile.open(file);
        SafetensorsFile.Entry counter = weights.entries().get("bn1.num_batches_tracked");

        assertThat(counter.floating()).isFalse();
        try (NDManager manager = NDManager.newBaseManager(PipelineConfig.DEFAULT_ENGINE)) {
            assertThatThrownBy(() -> weights.read(counter, manager))
                    .hasMessageContaining("tensor bn1.num_batches_tracked is I64");
        }
    }

    private static byte[] header(String json) {
        byte[] text = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length)
                .put(text)
                .array();
    }
}
