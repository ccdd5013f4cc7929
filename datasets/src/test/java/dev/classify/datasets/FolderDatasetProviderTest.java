package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders written from the committed fashion-mnist-64 fixture and small made images. */
final class FolderDatasetProviderTest {
    private static final List<String> NAMES =
            List.of(
                    "t-shirt",
                    "trouser",
                    "pullover",
                    "dress",
                    "coat",
                    "sandal",
                    "shirt",
                    "sneaker",
                    "bag",
                    "boot");

    private final FolderDatasetProvider provider = new FolderDatasetProvider();
    private final ImageSet fashion = ImageFileWriter.fashionMnist();

    @TempDir Path folder;

    private ImageSet open(Path images, Map<String, ?> options) {
        return provider.open(
                new DataSource(images, Optional.empty(), new Options("data.train", options)));
    }

    /** Writes the 64 fixture images as PNG files into one folder per class, named by class. */
    private Path classFolders() {
        Path root = folder.resolve("train");
        for (int i = 0; i < fashion.size(); i++) {
            String name = NAMES.get(fashion.label(i));
            ImageFileWriter.write(
                    root.resolve(name).resolve(String.format("%03d.png", i)),
                    ImageFileWriter.gray(ImageFileWriter.grayPixels(fashion, i), 28, 28));
        }
        return root;
    }

    @Test
    void describesItself() {
        assertThat(provider.name()).isEqualTo("folder");
        assertThat(provider.options())
                .extracting(option -> option.name())
                .containsExactly("channels", "resize");
    }

    @Test
    void classFoldersAreLabelledBySortedFolderNamesWithTheFixturesPixels() {
        ImageSet set = open(classFolders(), Map.of());

        assertThat(List.of(set.size(), set.channels(), set.height(), set.width()))
                .containsExactly(64, 1, 28, 28);
        assertThat(set.hasLabels()).isTrue();
        List<String> present =
                NAMES.stream()
                        .filter(
                                name ->
                                        java.util.stream.IntStream.range(0, 64)
                                                .anyMatch(
                                                        i ->
                                                                NAMES.get(fashion.label(i))
                                                                        .equals(name)))
                        .sorted()
                        .toList();
        assertThat(set.classNames()).isEqualTo(present);
        float[] pixels = new float[784];
        float[] expected = new float[784];
        int matched = 0;
        for (int i = 0; i < set.size(); i++) {
            String id = set.id(i);
            int source = Integer.parseInt(id.substring(id.indexOf('/') + 1, id.indexOf('.')));
            assertThat(id).startsWith(NAMES.get(fashion.label(source)) + "/");
            assertThat(set.classNames().get(set.label(i)))
                    .isEqualTo(NAMES.get(fashion.label(source)));
            set.copyPixels(i, pixels, 0);
            fashion.copyPixels(source, expected, 0);
            assertThat(pixels).containsExactly(expected);
            matched++;
        }
        assertThat(matched).isEqualTo(64);
        // Class-major order, files sorted within each class.
        assertThat(set.id(0)).startsWith(present.get(0) + "/");
    }

    @Test
    void aFlatFolderIsUnlabelledWithFileNamesAsIdsInSortedOrder() {
        Path root = folder.resolve("test");
        for (int i : new int[] {10, 2, 1}) {
            ImageFileWriter.write(
                    root.resolve(i + ".png"),
                    ImageFileWriter.gray(ImageFileWriter.grayPixels(fashion, i), 28, 28));
        }
        ImageSet set = open(root, Map.of());

        assertThat(set.hasLabels()).isFalse();
        assertThat(set.classNames()).isEmpty();
        assertThat(List.of(set.id(0), set.id(1), set.id(2)))
                .containsExactly("1.png", "10.png", "2.png");
        float[] pixels = new float[784];
        float[] expected = new float[784];
        set.copyPixels(1, pixels, 0);
        fashion.copyPixels(10, expected, 0);
        assertThat(pixels).containsExactly(expected);
        assertThatThrownBy(() -> set.label(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one folder per class");
    }

    @Test
    void aNamedPipeCalledPngIsSkippedNotRead() throws Exception {
        Path root = folder.resolve("with-pipe");
        ImageFileWriter.write(
                root.resolve("1.png"),
                ImageFileWriter.gray(ImageFileWriter.grayPixels(fashion, 1), 28, 28));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("2.png").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        ImageSet set = open(root, Map.of());

        assertThat(set.size()).isEqualTo(1);
        assertThat(set.id(0)).isEqualTo("1.png");
    }

    @Test
    void oneImageFileIsASetOfOne() {
        Path file =
                ImageFileWriter.write(
                        folder.resolve("one.png"),
                        ImageFileWriter.gray(ImageFileWriter.grayPixels(fashion, 5), 28, 28));
        ImageSet set = open(file, Map.of());

        assertThat(List.of(set.size(), set.channels())).containsExactly(1, 1);
        assertThat(set.id(0)).isEqualTo("one.png");
        float[] pixels = new float[784];
        set.copyPixels(0, pixels, 0);
        // numpy: train[5, 14, 14] == 148
        assertThat(pixels[14 * 28 + 14] * 255)
                .isCloseTo(148f, org.assertj.core.data.Offset.offset(1e-3f));
    }

    @Test
    void colourImagesMakeThreeChannelsAndGrayOnesAreRepeated() {
        Path root = folder.resolve("mixed");
        ImageFileWriter.write(
                root.resolve("a.png"), ImageFileWriter.rgb(2, 3, (y, x) -> 0x102030 * (x + 1)));
        byte[] gray = {0, 50, 100, (byte) 150, (byte) 200, (byte) 250};
        ImageFileWriter.write(root.resolve("b.bmp"), ImageFileWriter.gray(gray, 2, 3));
        ImageSet set = open(root, Map.of());

        assertThat(List.of(set.size(), set.channels(), set.height(), set.width()))
                .containsExactly(2, 3, 2, 3);
        float[] pixels = new float[18];
        set.copyPixels(0, pixels, 0);
        // Channel-major: red plane, then green, then blue.
        assertThat(pixels[2] * 255).isCloseTo(0x30, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(pixels[6 + 2] * 255).isCloseTo(0x60, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(pixels[12 + 2] * 255)
                .isCloseTo(0x90, org.assertj.core.data.Offset.offset(1e-3f));
        set.copyPixels(1, pixels, 0);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 6; i++) {
                assertThat(Math.round(pixels[c * 6 + i] * 255)).isEqualTo(gray[i] & 0xFF);
            }
        }
    }

    @Test
    void channelsOneConvertsColourToLuminance() {
        Path file =
                ImageFileWriter.write(
                        folder.resolve("red.png"), ImageFileWriter.rgb(1, 2, (y, x) -> 0xFF0000));
        ImageSet set = open(file, Map.of("channels", 1));

        assertThat(set.channels()).isEqualTo(1);
        float[] pixels = new float[2];
        set.copyPixels(0, pixels, 0);
        // 0.299 * 255 = 76.2
        assertThat(Math.round(pixels[0] * 255)).isEqualTo(76);
    }

    @Test
    void jpegAndGifDecode() {
        Path root = folder.resolve("formats");
        ImageFileWriter.write(root.resolve("a.jpg"), ImageFileWriter.rgb(8, 8, (y, x) -> 0x808080));
        ImageFileWriter.write(
                root.resolve("b.gif"),
                ImageFileWriter.gray(ImageFileWriter.grayPixels(fashion, 0), 28, 28));
        ImageSet gif = open(root.resolve("b.gif"), Map.of());
        assertThat(gif.channels()).isEqualTo(1);
        float[] pixels = new float[784];
        float[] expected = new float[784];
        gif.copyPixels(0, pixels, 0);
        fashion.copyPixels(0, expected, 0);
        assertThat(pixels).containsExactly(expected);

        ImageSet jpeg = open(root.resolve("a.jpg"), Map.of());
        assertThat(jpeg.channels()).isEqualTo(3);
        float[] colour = new float[192];
        jpeg.copyPixels(0, colour, 0);
        assertThat(colour[100] * 255).isCloseTo(128f, org.assertj.core.data.Offset.offset(2f));
    }

    @Test
    void resizeScalesEveryImageOfAnotherSizeBilinearly() {
        Path root = folder.resolve("sizes");
        byte[] small = ImageFileWriter.grayPixels(fashion, 3);
        byte[] doubled = new byte[56 * 56];
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                doubled[y * 56 + x] = small[(y / 2) * 28 + x / 2];
            }
        }
        ImageFileWriter.write(root.resolve("a.png"), ImageFileWriter.gray(small, 28, 28));
        ImageFileWriter.write(root.resolve("b.png"), ImageFileWriter.gray(doubled, 56, 56));
        ImageSet set = open(root, Map.of("resize", List.of(28, 28)));

        assertThat(List.of(set.size(), set.height(), set.width())).containsExactly(2, 28, 28);
        float[] first = new float[784];
        float[] second = new float[784];
        set.copyPixels(0, first, 0);
        set.copyPixels(1, second, 0);
        // Halving samples between each pair of equal pixels: the original comes back exactly.
        assertThat(second).containsExactly(first);

        ImageSet square = open(root.resolve("a.png"), Map.of("resize", 14));
        assertThat(List.of(square.height(), square.width())).containsExactly(14, 14);
    }

    @Test
    void bilinearResizeInterpolatesBetweenPixelCentres() {
        byte[] source = {0, 100};
        byte[] target = new byte[4];
        BilinearResize.resize(source, 0, 1, 2, target, 0, 1, 4);
        // Targets sample at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        assertThat(target).containsExactly(0, 25, 75, 100);
    }

    @Test
    void mixedSizesWithoutResizeNameTheFirstOddFileAndTheFix() {
        Path root = folder.resolve("odd");
        ImageFileWriter.write(root.resolve("cat/a.png"), ImageFileWriter.gray(new byte[4], 2, 2));
        ImageFileWriter.write(root.resolve("cat/b.png"), ImageFileWriter.gray(new byte[6], 2, 3));
        ImageFileWriter.write(root.resolve("dog/c.png"), ImageFileWriter.gray(new byte[9], 3, 3));

        assertThatThrownBy(() -> open(root, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        root.resolve("cat/b.png")
                                + ": is 2x3 pixels (height x width) but the first image,"
                                + " cat/a.png, is 2x2; give every image the same size, or set"
                                + " data.train.resize: [2, 2] to resize them");
    }

    @Test
    void anImageThatDoesNotDecodeIsNamed() throws IOException {
        Path root = folder.resolve("bad");
        ImageFileWriter.write(root.resolve("cat/a.png"), ImageFileWriter.gray(new byte[4], 2, 2));
        Path text = Files.writeString(root.resolve("cat/b.png"), "not an image");
        ImageFileWriter.write(root.resolve("dog/c.png"), ImageFileWriter.gray(new byte[4], 2, 2));

        assertThatThrownBy(() -> open(root, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        text
                                + ": cannot decode the image (no decoder recognises its content as"
                                + " a PNG, JPEG, BMP or GIF image); re-save it as PNG or JPEG, or"
                                + " remove it");

        // A truncated PNG: the header is there, the pixel data is not.
        byte[] png = Files.readAllBytes(root.resolve("cat/a.png"));
        Files.write(text, Arrays.copyOf(png, 40));
        assertThatThrownBy(() -> open(root, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(text + ": cannot decode the image (")
                .hasMessageEndingWith("); re-save it as PNG or JPEG, or remove it");
    }

    @Test
    void aMissingPathIsNamedWithItsKey() {
        Path missing = folder.resolve("nowhere");
        assertThatThrownBy(() -> open(missing, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(missing + ": not found; check data.train.images");
    }

    @Test
    void aFolderWithoutImagesIsRejected() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> open(empty, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        empty
                                + ": holds no images (.png, .jpg, .jpeg, .bmp or .gif) and no class"
                                + " folders with images (it holds 1 other file, e.g. notes.txt);"
                                + " give a folder with one folder of images per class (for"
                                + " training) or a folder of images (for prediction)");
    }

    @Test
    void anEmptyClassFolderIsRejected() throws IOException {
        Path root = folder.resolve("classes");
        ImageFileWriter.write(root.resolve("cat/a.png"), ImageFileWriter.gray(new byte[4], 2, 2));
        Path dog = Files.createDirectories(root.resolve("dog"));
        assertThatThrownBy(() -> open(root, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        dog
                                + ": class folder holds no images (.png, .jpg, .jpeg, .bmp or"
                                + " .gif); add the images of class 'dog' or remove the folder");
    }

    @Test
    void imagesBesideClassFoldersAreRejected() {
        Path root = folder.resolve("beside");
        ImageFileWriter.write(root.resolve("cat/a.png"), ImageFileWriter.gray(new byte[4], 2, 2));
        ImageFileWriter.write(root.resolve("b.png"), ImageFileWriter.gray(new byte[4], 2, 2));
        assertThatThrownBy(() -> open(root, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        root
                                + ": holds both images (e.g. b.png) and class folders (e.g. cat/);"
                                + " move every image into the folder of its class, or the class"
                                + " folders out");
    }

    @Test
    void aFileOfAnotherKindIsRejected() throws IOException {
        Path file = Files.writeString(folder.resolve("train.npy"), "x");
        assertThatThrownBy(() -> open(file, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": is not an image file (.png, .jpg");
    }

    @Test
    void aLabelsFileIsRejected() throws IOException {
        Path root = classFolders();
        Path labels = Files.writeString(folder.resolve("labels.csv"), "id,label\n");
        assertThatThrownBy(
                        () ->
                                provider.open(
                                        new DataSource(
                                                root,
                                                Optional.of(labels),
                                                new Options("data.train", Map.of()))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        labels
                                + ": a folder source takes its labels from its class folders;"
                                + " remove data.train.labels and put each image into the folder"
                                + " named after its class");
    }

    @Test
    void invalidOptionsAreReportedTogether() {
        assertThatThrownBy(
                        () ->
                                open(
                                        folder,
                                        Map.of(
                                                "channels", 2,
                                                "resize", List.of(0, 5),
                                                "size", 3)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactlyInAnyOrder(
                                                "data.train.channels: must be 1 (grayscale) or 3"
                                                        + " (RGB), got 2",
                                                "data.train.resize: expected [H, W] or one number,"
                                                        + " each in 1..4096, got [0, 5]",
                                                "data.train.size: unknown option 'size'; known:"
                                                        + " [channels, resize]"));
    }
}
