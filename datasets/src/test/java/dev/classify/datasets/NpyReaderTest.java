package dev.classify.datasets;

import static dev.classify.datasets.NpyFiles.dictionary;
import static dev.classify.datasets.NpyFiles.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.InvalidDataException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NpyReaderTest {
    @TempDir Path folder;

    @Test
    void readsNumpysOwnFile() {
        NpyArray array = NpyReader.read(NpyFiles.fashionMnistImages());

        assertThat(array.descr()).isEqualTo("|u1");
        assertThat(array.shape()).containsExactly(64, 28, 28);
        assertThat(array.isUint8()).isTrue();
        assertThat(array.elementCount()).isEqualTo(64 * 28 * 28);
        // Sum of all pixels and pixel [5, 14, 14] as computed by numpy.
        long sum = 0;
        for (byte value : array.uint8Values()) {
            sum += value & 0xFF;
        }
        assertThat(sum).isEqualTo(3_535_479L);
        assertThat(array.uint8Values()[5 * 784 + 14 * 28 + 14] & 0xFF).isEqualTo(148);
    }

    @Test
    void readsVersion1Uint8() {
        Path file = NpyFiles.write(folder.resolve("a.npy"), "|u1", "(2, 3, 4)", sequence(24));

        NpyArray array = NpyReader.read(file);

        assertThat(array.shape()).containsExactly(2, 3, 4);
        assertThat(array.uint8Values()).isEqualTo(sequence(24));
    }

    @Test
    void readsVersion2Header() {
        Path file =
                NpyFiles.write(
                        folder.resolve("v2.npy"),
                        2,
                        dictionary("|u1", false, "(1, 2, 3)"),
                        sequence(6));

        NpyArray array = NpyReader.read(file);

        assertThat(array.shape()).containsExactly(1, 2, 3);
        assertThat(array.uint8Values()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void readsVersion3Header() {
        Path file =
                NpyFiles.write(
                        folder.resolve("v3.npy"),
                        3,
                        dictionary("|u1", false, "(1, 1, 2)"),
                        new byte[] {7, (byte) 255});

        assertThat(NpyReader.read(file).uint8Values()).containsExactly(7, (byte) 255);
    }

    @Test
    void readsKeysInAnyOrderAndOneDimensionalShapes() {
        Path file =
                NpyFiles.write(
                        folder.resolve("order.npy"),
                        1,
                        "{'shape': (3,), 'fortran_order': False, 'descr': '|u1'}",
                        sequence(3));

        NpyArray array = NpyReader.read(file);

        assertThat(array.shape()).containsExactly(3);
        assertThat(array.shapeText()).isEqualTo("(3,)");
    }

    @Test
    void readsFloat32InBothByteOrders() {
        float[] values = {0f, 0.25f, 0.5f, 1f};
        Path little =
                NpyFiles.write(
                        folder.resolve("le.npy"),
                        "<f4",
                        "(1, 2, 2)",
                        NpyFiles.floats(ByteOrder.LITTLE_ENDIAN, values));
        Path big =
                NpyFiles.write(
                        folder.resolve("be.npy"),
                        ">f4",
                        "(1, 2, 2)",
                        NpyFiles.floats(ByteOrder.BIG_ENDIAN, values));

        assertThat(NpyReader.read(little).floatValues()).containsExactly(values);
        assertThat(NpyReader.read(big).floatValues()).containsExactly(values);
        assertThat(NpyReader.read(little).isUint8()).isFalse();
    }

    @Test
    void readsFloat64AsFloat32() {
        Path file =
                NpyFiles.write(
                        folder.resolve("f8.npy"),
                        "<f8",
                        "(1, 1, 3)",
                        NpyFiles.doubles(ByteOrder.LITTLE_ENDIAN, 0.1, 0.2, 1.0));

        assertThat(NpyReader.read(file).floatValues()).containsExactly(0.1f, 0.2f, 1f);
    }

    @Test
    void readsFloatArraysLargerThanOneChunk() {
        float[] values = new float[300_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / (float) values.length;
        }
        Path file =
                NpyFiles.write(
                        folder.resolve("big.npy"),
                        "<f4",
                        "(3, 100, 1000)",
                        NpyFiles.floats(ByteOrder.LITTLE_ENDIAN, values));

        assertThat(NpyReader.read(file).floatValues()).isEqualTo(values);
    }

    @Test
    void rejectsWrongMagic() {
        Path file = NpyFiles.writeBytes(folder.resolve("text.npy"), "id,label\n0,1\n".getBytes());

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("text.npy")
                .hasMessageContaining("not a NumPy .npy file")
                .hasMessageContaining("numpy.save");
    }

    @Test
    void rejectsAnEmptyFile() {
        Path file = NpyFiles.writeBytes(folder.resolve("empty.npy"), new byte[0]);

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("empty.npy")
                .hasMessageContaining("not a NumPy .npy file");
    }

    @Test
    void rejectsATruncatedHeader() {
        byte[] header = NpyFiles.header(1, dictionary("|u1", false, "(1, 2, 2)"));
        Path cut = NpyFiles.writeBytes(folder.resolve("cut.npy"), Arrays.copyOf(header, 40));
        Path preamble = NpyFiles.writeBytes(folder.resolve("short.npy"), Arrays.copyOf(header, 9));

        assertThatThrownBy(() -> NpyReader.read(cut))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("cut.npy")
                .hasMessageContaining("truncated header");
        assertThatThrownBy(() -> NpyReader.read(preamble))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("short.npy")
                .hasMessageContaining("truncated header");
    }

    @Test
    void rejectsTruncatedData() {
        Path file = NpyFiles.write(folder.resolve("part.npy"), "|u1", "(2, 3, 4)", sequence(20));

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("part.npy")
                .hasMessageContaining("truncated data")
                .hasMessageContaining("needs 24 bytes")
                .hasMessageContaining("has 20");
    }

    @Test
    void rejectsBytesAfterTheData() {
        Path file = NpyFiles.write(folder.resolve("long.npy"), "|u1", "(1, 2, 2)", sequence(5));

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("long.npy")
                .hasMessageContaining("1 unexpected bytes after the data");
    }

    @Test
    void transposesFortranOrder() {
        // np.asfortranarray(np.arange(8, dtype='u1').reshape(2, 2, 2)) stores 0 4 2 6 1 5 3 7.
        Path file =
                NpyFiles.write(
                        folder.resolve("fortran.npy"),
                        1,
                        dictionary("|u1", true, "(2, 2, 2)"),
                        new byte[] {0, 4, 2, 6, 1, 5, 3, 7});

        assertThat(NpyReader.read(file).uint8Values()).isEqualTo(sequence(8));
    }

    @Test
    void rejectsObjectArraysWithoutUnpickling() {
        // A pickle follows an object array's header; it must never be read.
        Path file =
                NpyFiles.write(
                        folder.resolve("objects.npy"), "|O", "(2,)", new byte[] {(byte) 0x80, 4});

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("objects.npy")
                .hasMessageContaining("object arrays (dtype |O)")
                .hasMessageContaining("never unpickled");
    }

    @Test
    void rejectsAnUnsupportedDtypeNamingIt() {
        Path file = NpyFiles.write(folder.resolve("uint32.npy"), "<u4", "(1, 1, 1)", new byte[4]);

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("uint32.npy")
                .hasMessageContaining("unsupported dtype '<u4'")
                .hasMessageContaining("supported: uint8, uint16, int8")
                .hasMessageContaining("astype('uint8')");
    }

    @Test
    void rejectsStructuredDtypes() {
        Path file =
                NpyFiles.write(
                        folder.resolve("record.npy"),
                        1,
                        "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                        new byte[4]);

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("record.npy")
                .hasMessageContaining("structured dtypes");
    }

    @Test
    void rejectsACorruptHeader() {
        Path noShape =
                NpyFiles.write(
                        folder.resolve("noshape.npy"),
                        1,
                        "{'descr': '|u1', 'fortran_order': False}",
                        new byte[1]);
        Path notDict = NpyFiles.write(folder.resolve("notdict.npy"), 1, "garbage", new byte[1]);

        assertThatThrownBy(() -> NpyReader.read(noShape))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("noshape.npy")
                .hasMessageContaining("corrupt .npy header: no 'shape'");
        assertThatThrownBy(() -> NpyReader.read(notDict))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("notdict.npy")
                .hasMessageContaining("expected a Python dict");
    }

    @Test
    void rejectsAnUnknownFormatVersion() {
        byte[] bytes = NpyFiles.header(1, dictionary("|u1", false, "(1,)"));
        bytes[6] = 4;
        Path file = NpyFiles.writeBytes(folder.resolve("v4.npy"), bytes);

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("v4.npy")
                .hasMessageContaining("unsupported .npy format version 4.0");
    }

    @Test
    void rejectsArraysTooLargeForOneJavaArray() {
        Path file =
                NpyFiles.write(
                        folder.resolve("huge.npy"), "|u1", "(100000, 1000, 1000)", sequence(1));

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("huge.npy")
                .hasMessageContaining("too large");
    }

    @Test
    void rejectsAMissingFile() {
        Path file = folder.resolve("missing.npy");

        assertThatThrownBy(() -> NpyReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("missing.npy")
                .hasMessageContaining("file not found");
    }

    @Test
    void formatsShapesAsNumpyDoes() {
        assertThat(NpyArray.formatShape(List.of())).isEqualTo("()");
        assertThat(NpyArray.formatShape(List.of(5))).isEqualTo("(5,)");
        assertThat(NpyArray.formatShape(List.of(64, 28, 28))).isEqualTo("(64, 28, 28)");
    }
}
