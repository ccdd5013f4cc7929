package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row ranges of a {@code .npy} file read alone give the rows of the whole file. */
final class NpyRowsTest {
    @TempDir Path folder;

    @Test
    void aRangeReadAloneGivesTheWholeFilesImages() throws IOException {
        Path file = NpyFiles.fashionMnistImages();
        NpyImageSet whole = NpyImageSet.of(file, NpyReader.read(file));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyRows rows = NpyRows.readHeader(file, channel, channel.size());
            assertThat(rows.shape()).containsExactly(64, 28, 28);
            assertThat(rows.rows()).isEqualTo(64);
            assertThat(rows.rowBytes()).isEqualTo(28 * 28);
            assertThat(rows.dataOffset() % 64).isZero();
            assertThat(rows.completeRows(channel.size())).isEqualTo(64);

            channel.position(rows.offsetOf(10));
            NpyImageSet range = NpyImageSet.of(file, rows.readRows(channel, 5));

            assertThat(range.size()).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(pixels(range, i)).isEqualTo(pixels(whole, 10 + i));
            }
        }
    }

    @Test
    void floatRowsAreDecodedAsTheWholeFileIs() throws IOException {
        float[] values = new float[3 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 20f;
        }
        Path file =
                NpyFiles.write(
                        folder.resolve("f.npy"),
                        ">f4",
                        "(3, 2, 2)",
                        NpyFiles.floats(ByteOrder.BIG_ENDIAN, values));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyRows rows = NpyRows.readHeader(file, channel, channel.size());
            assertThat(rows.rowBytes()).isEqualTo(16);
            channel.position(rows.offsetOf(2));
            NpyImageSet last = NpyImageSet.of(file, rows.readRows(channel, 1));
            assertThat(pixels(last, 0))
                    .containsExactly(
                            Arrays.copyOfRange(values, 8, 12),
                            org.assertj.core.data.Offset.offset(0f));
        }
    }

    @Test
    void aFileCutShortHoldsFewerCompleteRowsAndSaysSoWhenReadPastThem() throws IOException {
        byte[] data = NpyFiles.sequence(4 * 3 * 3);
        Path file =
                NpyFiles.write(
                        folder.resolve("cut.npy"),
                        "|u1",
                        "(6, 3, 3)",
                        data); // the header declares 6 rows of 9 bytes, the data holds 4
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyRows rows = NpyRows.readHeader(file, channel, channel.size());
            assertThat(rows.completeRows(channel.size())).isEqualTo(4);
            channel.position(rows.offsetOf(3));
            assertThatThrownBy(() -> rows.readRows(channel, 2))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith(file + ": ends inside the 2 rows asked for");
        }
    }

    @Test
    void aFortranOrderFileIsRefusedNamingTheFix() throws IOException {
        Path file =
                NpyFiles.write(
                        folder.resolve("fortran.npy"),
                        1,
                        NpyFiles.dictionary("|u1", true, "(2, 2, 2)"),
                        new byte[8]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> NpyRows.readHeader(file, channel, channel.size()))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageContaining("Fortran order")
                    .hasMessageContaining("np.ascontiguousarray");
        }
    }

    private static float[] pixels(NpyImageSet set, int index) {
        float[] pixels = new float[set.channels() * set.height() * set.width()];
        set.copyPixels(index, pixels, 0);
        return pixels;
    }
}
