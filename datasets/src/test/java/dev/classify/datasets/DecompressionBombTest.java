package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files that declare far more than the {@link MemoryBudget} (a quarter of this JVM's heap)
 * are refused from their headers, before anything is inflated or decoded. Each bomb is built here,
 * a few kilobytes, declaring just over the budget of the JVM running the test.
 */
final class DecompressionBombTest {
    private static final long BUDGET = MemoryBudget.maxBytes();

    @TempDir Path folder;

    @Test
    void refusesAnNpzEntryDeclaringMoreThanTheBudget() throws IOException {
        // float32 images are held as 4 bytes a value; the values follow as zeros.
        long images = BUDGET / (28 * 28 * 4) + 1;
        assumeThat(images * 28 * 28)
                .as("a heap over 32 GB allows any .npy of fewer than 2^31 values")
                .isLessThan(Integer.MAX_VALUE);
        Path npy =
                NpyFiles.write(
                        folder.resolve("entry.npy"),
                        "<f4",
                        "(" + images + ", 28, 28)",
                        new byte[1 << 16]);
        Path npz = folder.resolve("bomb.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(NpyFiles.readBytes(npy));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> openNpy(npz))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        npz + "!/x.npy: declares shape (" + images + ", 28, 28) of <f4, ")
                .hasMessageContaining(" in memory, more than the " + MemoryBudget.size(BUDGET))
                .hasMessageContaining("give Java more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx");
    }

    @Test
    void refusesAGzippedIdxFileDeclaringMoreThanTheBudget() throws IOException {
        long images = BUDGET / (28 * 28) + 1;
        assumeThat(images * 28 * 28)
                .as("a heap over 8 GB allows any IDX file of fewer than 2^31 values")
                .isLessThan(Integer.MAX_VALUE);
        ByteArrayOutputStream idx = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(idx);
        header.writeInt(IdxReader.IMAGES_MAGIC);
        header.writeInt((int) images);
        header.writeInt(28);
        header.writeInt(28);
        Path file = folder.resolve("train-images-idx3-ubyte.gz");
        try (GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file))) {
            gzip.write(idx.toByteArray());
            // What a bomb holds: zeros, which deflate about a thousandfold.
            gzip.write(new byte[1 << 20]);
        }
        assertThat(Files.size(file)).isLessThan(10_000);

        assertThatThrownBy(
                        () ->
                                new IdxDatasetProvider()
                                        .open(
                                                new DataSource(
                                                        file,
                                                        Optional.empty(),
                                                        new Options("data.train", Map.of()))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": declares dimensions (" + images + ", 28, 28), ")
                .hasMessageContaining(" in memory, more than the " + MemoryBudget.size(BUDGET));
    }

    @Test
    void refusesAPngDeclaringMorePixelsThanTheBudgetBeforeDecodingIt() throws IOException {
        int side = side();
        Path png = Files.write(folder.resolve("huge.png"), png(side));

        assertThatThrownBy(() -> openFolder(png))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        png + ": declares " + side + "x" + side + " pixels (width x height), ")
                .hasMessageContaining(" in memory, more than the " + MemoryBudget.size(BUDGET));
    }

    @Test
    void refusesAJpegDeclaringMorePixelsThanTheBudget() throws IOException {
        int side = side();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "jpg", bytes);
        byte[] jpeg = bytes.toByteArray();
        // The baseline frame header (SOF0, FF C0): length, precision, height, width.
        for (int i = 0; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) side).putShort((short) side);
                break;
            }
        }
        Path file = Files.write(folder.resolve("huge.jpg"), jpeg);

        assertThatThrownBy(() -> openFolder(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        file + ": declares " + side + "x" + side + " pixels (width x height), ");
    }

    /** A square side whose pixels take more than the budget to decode, at least 20000. */
    private static int side() {
        long pixels = BUDGET / DecodedImage.DECODING_BYTES_PER_PIXEL + 1;
        int side = (int) Math.max(20_000, Math.ceil(Math.sqrt(pixels)));
        assumeThat(side).as("JPEG sides end at 65535").isLessThan(65_536);
        return side;
    }

    /**
     * A grayscale PNG of {@code side} x {@code side} pixels of which only the first rows are
     * written: a reader that trusted the header would allocate the whole raster first.
     */
    private static byte[] png(int side) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(side).putInt(side).put(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", header.array());
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(rows)) {
            deflate.write(new byte[16 * (side + 1)]);
        }
        chunk(out, "IDAT", rows.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
            throws IOException {
        DataOutputStream chunk = new DataOutputStream(out);
        chunk.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        chunk.write(name);
        chunk.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        chunk.writeInt((int) crc.getValue());
    }

    private static ImageSet openNpy(Path file) {
        return new NpyDatasetProvider()
                .open(new DataSource(file, Optional.empty(), new Options("data.train", Map.of())));
    }

    private static ImageSet openFolder(Path file) {
        return new FolderDatasetProvider()
                .open(new DataSource(file, Optional.empty(), new Options("data.train", Map.of())));
    }
}
