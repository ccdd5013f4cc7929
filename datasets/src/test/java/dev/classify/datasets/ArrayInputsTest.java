package dev.classify.datasets;

import static dev.classify.datasets.NpyFiles.numpyFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npy provider's .npz archives, label vectors, layouts and options, on numpy's own files. */
final class ArrayInputsTest {
    private final NpyDatasetProvider provider = new NpyDatasetProvider();

    @TempDir Path folder;

    @Test
    void readsImagesAndLabelsFromOneStoredArchive() {
        Path archive = numpyFormat("stored.npz");
        ImageSet set = open(archive, archive, Map.of("array", "x_train", "labelsArray", "y_train"));

        assertThat(set.size()).isEqualTo(4);
        // numpy: y[:4] == [3, 6, 6, 4]
        assertThat(List.of(0, 1, 2, 3)).map(set::label).containsExactly(3, 6, 6, 4);
        assertThat(pixels(set)).containsExactly(pixels(open(NpyFiles.fashionMnistImages())));
    }

    @Test
    void readsTheOnlyArrayOfACompressedArchiveAndNpyOrNpzLabelVectors() {
        ImageSet fromNpy = open(numpyFormat("compressed.npz"), numpyFormat("labels.npy"), Map.of());
        ImageSet fromNpz = open(numpyFormat("compressed.npz"), numpyFormat("labels.npz"), Map.of());

        assertThat(List.of(0, 1, 2, 3)).map(fromNpy::label).containsExactly(3, 6, 6, 4);
        assertThat(List.of(0, 1, 2, 3)).map(fromNpz::label).containsExactly(3, 6, 6, 4);
        assertThat(fromNpz.classNames()).hasSize(7);
        assertThat(pixels(fromNpy)).containsExactly(pixels(open(NpyFiles.fashionMnistImages())));
    }

    @Test
    void asksWhichArrayWhenAnArchiveHoldsSeveral() {
        Path archive = numpyFormat("stored.npz");

        assertThatThrownBy(() -> open(archive, null, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("stored.npz")
                .hasMessageContaining("the archive holds several arrays [x_train, y_train]")
                .hasMessageContaining("choose one with the source option array");
    }

    @Test
    void listsTheArraysWhenTheNamedOneIsMissing() {
        assertThatThrownBy(() -> open(numpyFormat("stored.npz"), null, Map.of("array", "x")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("stored.npz: no array 'x' in the archive")
                .hasMessageContaining("holds [x_train, y_train]; set the source option array");
    }

    @Test
    void rejectsAnArrayNameForAPlainNpyFile() {
        assertThatThrownBy(() -> open(numpyFormat("flat.npy"), null, Map.of("array", "x")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("flat.npy")
                .hasMessageContaining("this is a single .npy array; remove array");
    }

    @Test
    void rejectsACorruptArchive() {
        byte[] archive = NpyFiles.readBytes(numpyFormat("compressed.npz"));
        Path cut =
                NpyFiles.writeBytes(
                        folder.resolve("cut.npz"), java.util.Arrays.copyOf(archive, 200));

        assertThatThrownBy(() -> open(cut, null, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("cut.npz")
                .hasMessageContaining("corrupt .npz archive")
                .hasMessageContaining("save it again with np.savez");
    }

    @Test
    void rejectsLabelVectorsOfTheWrongLengthOrDtype() {
        Path images = numpyFormat("compressed.npz");
        Path floats =
                NpyFiles.write(
                        folder.resolve("y.npy"),
                        "<f4",
                        "(4,)",
                        NpyFiles.floats(java.nio.ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3));

        assertThatThrownBy(
                        () ->
                                open(
                                        NpyFiles.fashionMnistImages(),
                                        numpyFormat("labels.npy"),
                                        Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("labels.npy: 4 labels for 64 images")
                .hasMessageContaining("one label per image");
        assertThatThrownBy(() -> open(images, floats, Map.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("y.npy: labels of dtype <f4 are not integers")
                .hasMessageContaining("astype('int64')");
    }

    @Test
    void asksForALayoutWhenFourDimensionsAreAmbiguous() {
        Path file = NpyFiles.write(folder.resolve("amb.npy"), "|u1", "(2, 3, 5, 3)", new byte[90]);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("amb.npy: ambiguous shape (2, 3, 5, 3)")
                .hasMessageContaining("set the source option layout: NHWC or layout: NCHW");
        ImageSet set = open(file, null, Map.of("layout", "NCHW"));
        assertThat(List.of(set.channels(), set.height(), set.width())).containsExactly(3, 5, 3);
    }

    @Test
    void rejectsALayoutOrShapeThatDoesNotFit() {
        Path images = NpyFiles.fashionMnistImages();
        Path flat = numpyFormat("flat.npy");

        assertThatThrownBy(() -> open(images, null, Map.of("layout", "NHWC")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("train.npy: layout NHWC does not fit shape (64, 28, 28)")
                .hasMessageContaining("set the source option layout to NHW, or remove it");
        assertThatThrownBy(() -> open(flat, null, Map.of("shape", List.of(28, 27))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(
                        "flat.npy: the source option shape [28, 27] needs rows of 756")
                .hasMessageContaining("set shape to the images' [H, W] or [H, W, C]");
        assertThatThrownBy(() -> open(images, null, Map.of("shape", List.of(28, 28))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("train.npy: the source option shape applies only to flat")
                .hasMessageContaining("remove shape");
    }

    @Test
    void reportsEveryInvalidOptionAtOnce() {
        Map<String, Object> values =
                Map.of("layout", "HWC", "shape", List.of(28), "scale", -1, "array", " ");

        assertThatThrownBy(() -> open(NpyFiles.fashionMnistImages(), null, values))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data.train.layout: unknown layout 'HWC'; known: [NHW")
                .hasMessageContaining("data.train.shape: expected [H, W] or [H, W, C]")
                .hasMessageContaining("data.train.scale: must be a positive number")
                .hasMessageContaining("data.train.array: must name an array");
    }

    @Test
    void listsItsOptions() {
        assertThat(provider.options())
                .extracting(option -> option.name())
                .containsExactly(
                        "idColumn",
                        "labelColumn",
                        "array",
                        "labelsArray",
                        "layout",
                        "shape",
                        "scale");
    }

    private ImageSet open(Path images) {
        return open(images, null, Map.of());
    }

    private ImageSet open(Path images, Path labels, Map<String, Object> options) {
        return provider.open(
                new DataSource(
                        images, Optional.ofNullable(labels), new Options("data.train", options)));
    }

    private static float[] pixels(ImageSet set) {
        float[] pixels = new float[4 * 784];
        for (int i = 0; i < 4; i++) {
            set.copyPixels(i, pixels, i * 784);
        }
        return pixels;
    }
}
