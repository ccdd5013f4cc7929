package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written from the committed fashion-mnist-64 fixture, as MNIST publishes them. */
final class IdxDatasetProviderTest {
    private final IdxDatasetProvider provider = new IdxDatasetProvider();

    @TempDir Path folder;

    @Test
    void readsGzippedImagesAndPlainLabelsAsTheNpyFixture() throws IOException {
        Path images = folder.resolve("train-images-idx3-ubyte.gz");
        Files.write(images, gzip(imagesFile()));
        Path labels = Files.write(folder.resolve("train-labels-idx1-ubyte"), labelsFile(64));

        ImageSet set = open(images, labels);
        ImageSet npy =
                new NpyDatasetProvider()
                        .open(
                                new DataSource(
                                        NpyFiles.fashionMnistImages(),
                                        Optional.of(NpyFiles.fashionMnistLabels()),
                                        new Options("data.train", Map.of())));

        assertThat(List.of(set.size(), set.channels(), set.height(), set.width()))
                .containsExactly(64, 1, 28, 28);
        float[] pixels = new float[784];
        float[] expected = new float[784];
        double sum = 0;
        for (int i = 0; i < 64; i++) {
            set.copyPixels(i, pixels, 0);
            npy.copyPixels(i, expected, 0);
            assertThat(pixels).containsExactly(expected);
            assertThat(set.label(i)).isEqualTo(npy.label(i));
            for (float value : pixels) {
                sum += Math.round(value * 255);
            }
        }
        // numpy: train.sum() == 3535479, train[5, 14, 14] == 148; labels[0] == 3.
        assertThat(sum).isEqualTo(3_535_479.0);
        set.copyPixels(5, pixels, 0);
        assertThat(pixels[14 * 28 + 14]).isEqualTo(148 / 255f);
        assertThat(set.label(0)).isEqualTo(3);
        assertThat(set.id(63)).isEqualTo("63");
        assertThat(set.classNames()).hasSize(10);
    }

    @Test
    void rejectsSwappedFilesByTheirMagic() throws IOException {
        Path labels = Files.write(folder.resolve("train-labels-idx1-ubyte"), labelsFile(64));

        assertThatThrownBy(() -> open(labels, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("train-labels-idx1-ubyte: not an IDX images file")
                .hasMessageContaining("magic 0x00000801, expected 0x00000803")
                .hasMessageContaining("are images and labels swapped?");
    }

    @Test
    void rejectsAFileThatIsNotIdx() throws IOException {
        Path file = Files.writeString(folder.resolve("images.txt"), "hello world");

        assertThatThrownBy(() -> open(file, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("images.txt: not an IDX images file")
                .hasMessageContaining("use the unsigned-byte IDX files as published for MNIST");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] whole = imagesFile();
        Path file = Files.write(folder.resolve("cut-idx3-ubyte"), Arrays.copyOf(whole, 1000));

        assertThatThrownBy(() -> open(file, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("cut-idx3-ubyte: truncated data")
                .hasMessageContaining("dimensions (64, 28, 28) need 50176 bytes after the header")
                .hasMessageContaining("the file has 984")
                .hasMessageContaining("download it again");
    }

    @Test
    void rejectsATruncatedGzipStream() throws IOException {
        byte[] compressed = gzip(imagesFile());
        Path file =
                Files.write(
                        folder.resolve("cut-idx3-ubyte.gz"),
                        Arrays.copyOf(compressed, compressed.length / 2));

        assertThatThrownBy(() -> open(file, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("cut-idx3-ubyte.gz: corrupt gzip data")
                .hasMessageContaining("download it again");
    }

    @Test
    void rejectsLabelsForAnotherNumberOfImages() throws IOException {
        Path images = Files.write(folder.resolve("t10k-images-idx3-ubyte"), imagesFile());
        Path labels = Files.write(folder.resolve("train-labels-idx1-ubyte"), labelsFile(60));

        assertThatThrownBy(() -> open(images, labels))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(
                        "train-labels-idx1-ubyte: 60 labels for 64 images in"
                                + " t10k-images-idx3-ubyte")
                .hasMessageContaining("use the labels file published with the images");
    }

    @Test
    void hasNoOptions() throws IOException {
        Path images = Files.write(folder.resolve("train-images-idx3-ubyte"), imagesFile());

        assertThat(provider.options()).isEmpty();
        assertThat(provider.name()).isEqualTo("idx");
        assertThatThrownBy(
                        () ->
                                provider.open(
                                        new DataSource(
                                                images,
                                                Optional.empty(),
                                                new Options("data.train", Map.of("scale", 255)))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data.train.scale: unknown option 'scale'");
    }

    private ImageSet open(Path images, Path labels) {
        return provider.open(
                new DataSource(
                        images, Optional.ofNullable(labels), new Options("data.train", Map.of())));
    }

    /** The fixture's images as an IDX file: magic 0x803, big-endian 64, 28, 28, then pixels. */
    private static byte[] imagesFile() {
        byte[] pixels = NpyReader.read(NpyFiles.fashionMnistImages()).uint8Values();
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(0x00000803)
                .putInt(64)
                .putInt(28)
                .putInt(28)
                .put(pixels)
                .array();
    }

    /** The first {@code count} labels of the fixture as an IDX file: magic 0x801, count, labels. */
    private static byte[] labelsFile(int count) throws IOException {
        List<String> rows = Files.readAllLines(NpyFiles.fashionMnistLabels());
        ByteBuffer buffer = ByteBuffer.allocate(8 + count).putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) Integer.parseInt(rows.get(i + 1).split(",")[1]));
        }
        return buffer.array();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
