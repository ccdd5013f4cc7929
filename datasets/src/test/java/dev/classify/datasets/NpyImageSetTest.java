package dev.classify.datasets;

import static dev.classify.datasets.NpyFiles.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NpyImageSetTest {
    @TempDir Path folder;

    @Test
    void readsTheFashionMnistFixture() throws IOException {
        Path images = NpyFiles.fashionMnistImages();
        NpyImageSet set =
                NpyImageSet.of(images, NpyReader.read(images))
                        .withLabels(
                                CsvLabels.read(NpyFiles.fashionMnistLabels(), "id", "label", 64));

        assertThat(List.of(set.size(), set.channels(), set.height(), set.width()))
                .containsExactly(64, 1, 28, 28);
        float[] pixels = new float[64 * 784];
        for (int i = 0; i < 64; i++) {
            set.copyPixels(i, pixels, i * 784);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float value : pixels) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        // The fixture holds both black (0) and white (255) pixels.
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // numpy: train[5, 14, 14] == 148, and np.float32(148) / 255 == 0.5803922.
        assertThat(pixels[5 * 784 + 14 * 28 + 14])
                .isEqualTo(148 / 255f)
                .isCloseTo(0.5803922f, within(1e-7f));
        double sum = 0;
        for (float value : pixels) {
            sum += Math.round(value * 255);
        }
        assertThat(sum).isEqualTo(3_535_479.0);
        List<String> rows = Files.readAllLines(NpyFiles.fashionMnistLabels());
        for (int i = 0; i < 64; i++) {
            String[] row = rows.get(i + 1).split(",");
            assertThat(set.id(i)).isEqualTo(row[0]);
            assertThat(set.label(i)).isEqualTo(Integer.parseInt(row[1]));
        }
        assertThat(set.hasLabels()).isTrue();
        assertThat(set.classNames()).hasSize(10).startsWith("0", "1").endsWith("9");
    }

    @Test
    void transposesChannelsLastToChannelsFirst() {
        // Two 2x2 RGB images; pixel p of image n has channels (n*12 + p*3 + c).
        Path file = NpyFiles.write(folder.resolve("rgb.npy"), "|u1", "(2, 2, 2, 3)", sequence(24));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));

        float[] pixels = new float[1 + 12];
        set.copyPixels(1, pixels, 1);

        assertThat(List.of(set.channels(), set.height(), set.width())).containsExactly(3, 2, 2);
        float[] expected = new float[13];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 4; p++) {
                expected[1 + c * 4 + p] = (12 + p * 3 + c) / 255f;
            }
        }
        assertThat(pixels).containsExactly(expected);
    }

    @Test
    void transposesFloatChannelsLast() {
        float[] values = {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        Path file =
                NpyFiles.write(
                        folder.resolve("rgbf.npy"),
                        "<f4",
                        "(1, 2, 1, 3)",
                        NpyFiles.floats(ByteOrder.LITTLE_ENDIAN, values));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));

        float[] pixels = new float[6];
        set.copyPixels(0, pixels, 0);

        assertThat(pixels).containsExactly(0f, 0.3f, 0.1f, 0.4f, 0.2f, 0.5f);
    }

    @Test
    void acceptsOneChannelLast() {
        Path file = NpyFiles.write(folder.resolve("gray.npy"), "|u1", "(3, 2, 2, 1)", sequence(12));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));

        float[] pixels = new float[4];
        set.copyPixels(2, pixels, 0);

        assertThat(set.channels()).isEqualTo(1);
        assertThat(pixels).containsExactly(8 / 255f, 9 / 255f, 10 / 255f, 11 / 255f);
    }

    @Test
    void keepsFloatPixelsInRange() {
        Path file =
                NpyFiles.write(
                        folder.resolve("f.npy"),
                        "<f8",
                        "(2, 1, 2)",
                        NpyFiles.doubles(ByteOrder.LITTLE_ENDIAN, 0, 0.5, 0.75, 1));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));

        float[] pixels = new float[2];
        set.copyPixels(1, pixels, 0);

        assertThat(pixels).containsExactly(0.75f, 1f);
    }

    @Test
    void rejectsFloatPixelsOutsideZeroToOne() {
        Path file =
                NpyFiles.write(
                        folder.resolve("raw.npy"),
                        "<f4",
                        "(2, 1, 2)",
                        NpyFiles.floats(ByteOrder.LITTLE_ENDIAN, 0f, 1f, 0.5f, 255f));

        assertThatThrownBy(() -> NpyImageSet.of(file, NpyReader.read(file)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("raw.npy")
                .hasMessageContaining("pixel value 255.0 at index (1, 0, 1) is outside [0, 1]")
                .hasMessageContaining("set the source option scale: 255")
                .hasMessageContaining("arr / 255.0");
    }

    @Test
    void rejectsNanPixels() {
        Path file =
                NpyFiles.write(
                        folder.resolve("nan.npy"),
                        "<f4",
                        "(1, 1, 1)",
                        NpyFiles.floats(ByteOrder.LITTLE_ENDIAN, Float.NaN));

        assertThatThrownBy(() -> NpyImageSet.of(file, NpyReader.read(file)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("nan.npy")
                .hasMessageContaining("pixel value NaN");
    }

    @Test
    void rejectsZeroImages() {
        Path file = NpyFiles.write(folder.resolve("none.npy"), "|u1", "(0, 28, 28)", new byte[0]);

        assertThatThrownBy(() -> NpyImageSet.of(file, NpyReader.read(file)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("none.npy")
                .hasMessageContaining("no images: shape (0, 28, 28)");
    }

    @Test
    void rejectsShapesThatAreNotImages() {
        Path flat = NpyFiles.write(folder.resolve("flat.npy"), "|u1", "(2, 784)", new byte[1568]);
        Path twoChannels =
                NpyFiles.write(folder.resolve("two.npy"), "|u1", "(1, 2, 2, 2)", new byte[8]);
        Path fiveDimensions =
                NpyFiles.write(folder.resolve("five.npy"), "|u1", "(1, 1, 1, 1, 1)", new byte[1]);

        assertThatThrownBy(() -> NpyImageSet.of(flat, NpyReader.read(flat)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("flat.npy")
                .hasMessageContaining("flat shape (2, 784)")
                .hasMessageContaining("set the source option shape: [H, W]");
        assertThatThrownBy(() -> NpyImageSet.of(twoChannels, NpyReader.read(twoChannels)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("two.npy")
                .hasMessageContaining("unsupported shape (1, 2, 2, 2)")
                .hasMessageContaining("arr[..., :3]");
        assertThatThrownBy(() -> NpyImageSet.of(fiveDimensions, NpyReader.read(fiveDimensions)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("five.npy")
                .hasMessageContaining("unsupported shape (1, 1, 1, 1, 1)")
                .hasMessageContaining("expected (N, H, W) for grayscale");
    }

    @Test
    void withoutLabelsHasNoLabelsOrClasses() {
        Path file = NpyFiles.write(folder.resolve("u.npy"), "|u1", "(2, 1, 1)", sequence(2));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));

        assertThat(set.hasLabels()).isFalse();
        assertThat(set.classNames()).isEmpty();
        assertThat(set.id(1)).isEqualTo("1");
        assertThatThrownBy(() -> set.label(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no labels");
    }

    @Test
    void checksIndicesAndDestination() {
        Path file = NpyFiles.write(folder.resolve("i.npy"), "|u1", "(2, 2, 2)", sequence(8));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));

        assertThatThrownBy(() -> set.copyPixels(2, new float[4], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> set.copyPixels(0, new float[4], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> set.id(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsLabelsForAnotherNumberOfImages() {
        Path file = NpyFiles.write(folder.resolve("n.npy"), "|u1", "(2, 1, 1)", sequence(2));
        NpyImageSet set = NpyImageSet.of(file, NpyReader.read(file));
        CsvLabels labels = CsvLabels.read(NpyFiles.fashionMnistLabels(), "id", "label", 64);

        assertThatThrownBy(() -> set.withLabels(labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 labels for 2 images");
    }
}
