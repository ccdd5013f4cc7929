package dev.classify.datasets;

import static dev.classify.datasets.NpyFiles.numpyFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Reads the numpy-formats fixture: the first 4 Fashion-MNIST images saved by NumPy in other dtypes,
 * orders and layouts, compared with the uint8 original.
 */
final class NumpyFormatsTest {
    private static final int IMAGE = 784;

    @Test
    void readsEveryIntegerDtypeAsTheOriginal() {
        float[] original = pixels(fixture(NpyFiles.fashionMnistImages()), 4);

        for (String name : List.of("int16-big-endian.npy", "int32.npy", "int64.npy")) {
            NpyImageSet set = fixture(numpyFormat(name));
            assertThat(set.channels()).as(name).isEqualTo(1);
            assertThat(pixels(set, 4)).as(name).containsExactly(original);
        }
    }

    @Test
    void keepsUint8AsBytesAndWidensOtherDtypes() {
        assertThat(NpyReader.read(NpyFiles.fashionMnistImages()).isUint8()).isTrue();
        NpyArray int16 = NpyReader.read(numpyFormat("int16-big-endian.npy"));

        assertThat(int16.isUint8()).isFalse();
        assertThat(int16.dtype()).isEqualTo(NpyDtype.INT16);
        // numpy: x[1, 10, 12] == 16, x[3, 20, 5] == 150.
        assertThat(int16.floatValues()[IMAGE + 10 * 28 + 12]).isEqualTo(16f);
        assertThat(int16.floatValues()[3 * IMAGE + 20 * 28 + 5]).isEqualTo(150f);
    }

    @Test
    void dividesByTheConfiguredScale() {
        float[] original = pixels(fixture(NpyFiles.fashionMnistImages()), 4);
        NpyImageSet uint16 = fixture(numpyFormat("uint16.npy"), 65535);
        NpyImageSet int8 = fixture(numpyFormat("int8.npy"), 127);

        float[] wide = pixels(uint16, 4);
        for (int i = 0; i < wide.length; i++) {
            assertThat(wide[i]).isCloseTo(original[i], within(1e-7f));
        }
        // numpy: np.float32(x // 2)[1, 10, 12] / np.float32(127) == 0.062992126
        assertThat(pixels(int8, 2)[IMAGE + 10 * 28 + 12]).isEqualTo(0.062992126f);
    }

    @Test
    void readsFloat16() {
        float[] pixels = pixels(fixture(numpyFormat("float16.npy")), 4);

        // numpy: (x / 255.0).astype('<f2'): element [1, 10, 12] is 0.06274414 as float32, and
        // the float32 values sum to 989.1283111572266.
        assertThat(pixels[IMAGE + 10 * 28 + 12]).isEqualTo(0.06274414f);
        double sum = 0;
        for (float value : pixels) {
            sum += value;
        }
        assertThat(sum).isEqualTo(989.1283111572266);
    }

    @Test
    void convertsHalfFloatSpecialValues() {
        assertThat(NpyDtype.halfToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(NpyDtype.halfToFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(NpyDtype.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(NpyDtype.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(NpyDtype.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(NpyDtype.halfToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void transposesFortranOrderOnRead() {
        NpyArray c = NpyReader.read(NpyFiles.fashionMnistImages());
        NpyArray fortran = NpyReader.read(numpyFormat("fortran.npy"));
        NpyArray fortranFloat = NpyReader.read(numpyFormat("fortran-float32.npy"));

        assertThat(fortran.shape()).containsExactly(4, 28, 28);
        byte[] expected = new byte[4 * IMAGE];
        System.arraycopy(c.uint8Values(), 0, expected, 0, expected.length);
        assertThat(Arrays.equals(fortran.uint8Values(), expected)).isTrue();
        assertThat(pixels(fixture(numpyFormat("fortran-float32.npy")), 4))
                .containsExactly(pixels(fixture(NpyFiles.fashionMnistImages()), 4));
        assertThat(fortranFloat.shape()).containsExactly(4, 28, 28);
    }

    @Test
    void readsChannelsFirstAndFlatRows() {
        NpyImageSet nchw = fixture(numpyFormat("rgb-nchw.npy"));
        NpyImageSet flatChw =
                NpyImageSet.of(
                        numpyFormat("rgb-flat-chw.npy"),
                        NpyReader.read(numpyFormat("rgb-flat-chw.npy")),
                        Optional.of("NCHW"),
                        List.of(28, 28, 3),
                        OptionalDouble.empty());
        NpyImageSet flat =
                NpyImageSet.of(
                        numpyFormat("flat.npy"),
                        NpyReader.read(numpyFormat("flat.npy")),
                        Optional.empty(),
                        List.of(28, 28),
                        OptionalDouble.empty());

        assertThat(List.of(nchw.channels(), nchw.height(), nchw.width()))
                .containsExactly(3, 28, 28);
        float[] rgb = new float[3 * IMAGE];
        nchw.copyPixels(1, rgb, 0);
        // rgb = stack([x, 255 - x, x // 2]); numpy: x[1, 10, 12] == 16.
        int p = 10 * 28 + 12;
        assertThat(new float[] {rgb[p], rgb[IMAGE + p], rgb[2 * IMAGE + p]})
                .containsExactly(16 / 255f, 239 / 255f, 8 / 255f);
        assertThat(pixels(flatChw, 4)).containsExactly(pixels(nchw, 4));
        assertThat(pixels(flat, 4))
                .containsExactly(pixels(fixture(NpyFiles.fashionMnistImages()), 4));
    }

    @Test
    void rejectsAValueOutsideTheScaleNamingItsIndex() {
        Path file = numpyFormat("uint16-out-of-range.npy");

        assertThatThrownBy(() -> fixture(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("uint16-out-of-range.npy")
                .hasMessageContaining("pixel value 300 at index (2, 3, 4) is outside [0, 255]")
                .hasMessageContaining("set the source option scale");
    }

    private static NpyImageSet fixture(Path file) {
        return NpyImageSet.of(file, NpyReader.read(file));
    }

    private static NpyImageSet fixture(Path file, double scale) {
        return NpyImageSet.of(
                file, NpyReader.read(file), Optional.empty(), List.of(), OptionalDouble.of(scale));
    }

    /** The first {@code count} images as CHW floats, one after another. */
    static float[] pixels(NpyImageSet set, int count) {
        int length = set.channels() * set.height() * set.width();
        float[] pixels = new float[count * length];
        for (int i = 0; i < count; i++) {
            set.copyPixels(i, pixels, i * length);
        }
        return pixels;
    }
}
