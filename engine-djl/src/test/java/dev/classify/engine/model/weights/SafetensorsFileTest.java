package dev.classify.engine.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.InvalidDataException;
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
        assertThat(weights.read(weights.entries().get("a"))).containsExactly(1.5f, -2f);
        assertThat(weights.read(weights.entries().get("h")))
                .containsExactly(1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY);
        assertThat(weights.read(weights.entries().get("b"))).containsExactly(1f, -2f, 3.140625f);
    }

    @Test
    void decodesEveryHalfPrecisionValueAsFloatDoes() {
        // Float.float16ToFloat (Java 20) is not at hand: check against arithmetic instead.
        for (int bits = 0; bits < 0x7c00; bits++) {
            int exponent = bits >> 10;
            int mantissa = bits & 0x3ff;
            double expected =
                    exponent == 0
                            ? mantissa * Math.pow(2, -24)
                            : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            assertThat(FloatDecoding.halfToFloat((short) bits)).isEqualTo((float) expected);
            assertThat(FloatDecoding.halfToFloat((short) (bits | 0x8000)))
                    .isEqualTo((float) -expected);
        }
        assertThat(FloatDecoding.halfToFloat((short) 0x7e00)).isNaN();
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

        assertThat(weights.read(weights.entries().get("a"))).containsExactly(3f);
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
    void listsTensorsOfOtherTypesButDoesNotDecodeThem() throws IOException {
        Path file =
                new SafetensorsWriter()
                        .addCounter("bn1.num_batches_tracked")
                        .write(folder.resolve("w.safetensors"));
        SafetensorsFile weights = SafetensorsFile.open(file);
        SafetensorsFile.Entry counter = weights.entries().get("bn1.num_batches_tracked");

        assertThat(counter.floating()).isFalse();
        assertThatThrownBy(() -> weights.read(counter))
                .hasMessageContaining("tensor bn1.num_batches_tracked is I64");
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
