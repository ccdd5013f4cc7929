package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RandomCropTest {
    private static final int COUNT = 64;

    private static Augmenter crop(Map<String, Object> options) {
        return new RandomCropProvider().create(new Options("augment.train[1]", options));
    }

    /**
     * The sneaker's rows 8 to 20: a real 13x28 image with non-zero pixels on all four borders, so
     * that every shift and every kind of padding shows.
     */
    private static NDArray sneakerBand(NDManager manager) {
        return TestImages.sneakers(manager, COUNT).get(new NDIndex(":, :, 8:21, :"));
    }

    @Test
    void zeroPaddingShiftsEachImageByItsOwnOffset() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray band = sneakerBand(manager);
            NDArray result =
                    crop(Map.of("size", List.of(13, 28), "padding", 4))
                            .apply(band, new SplittableRandom(3));

            assertThat(result.getShape()).isEqualTo(new Shape(COUNT, 1, 13, 28));
            List<int[]> offsets = offsets(band, result, 4, false);
            assertDiverse(offsets);
            // a zero row or column appears exactly where the window leaves the image
            float[] out = result.toFloatArray();
            int[] first = offsets.stream().filter(o -> o[0] < 4).findFirst().orElseThrow();
            int index = offsets.indexOf(first);
            for (int x = 0; x < 28; x++) {
                assertThat(out[index * 13 * 28 + x]).isZero();
            }
            assertThat(result.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(result.max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void reflectPaddingMirrorsWithoutRepeatingTheEdge() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray band = sneakerBand(manager);
            NDArray result =
                    crop(Map.of("size", List.of(13, 28), "padding", 4, "mode", "reflect"))
                            .apply(band, new SplittableRandom(5));

            assertDiverse(offsets(band, result, 4, true));
            assertThat(result.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(result.max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void padsTheWholeImageAsNumpyWould() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.arange(1f, 7f, 1f).reshape(1, 1, 2, 3);
            NDArray reflected =
                    crop(Map.of("size", List.of(4, 5), "padding", 1, "mode", "reflect"))
                            .apply(image, new SplittableRandom(1));
            NDArray zeros =
                    crop(Map.of("size", List.of(4, 5), "padding", 1))
                            .apply(image, new SplittableRandom(1));

            // numpy.pad([[1, 2, 3], [4, 5, 6]], 1, mode="reflect")
            assertThat(reflected.toFloatArray())
                    .containsExactly(5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2);
            assertThat(zeros.toFloatArray())
                    .containsExactly(0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void cropsSmallerWindowsWithoutPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, COUNT);
            Augmenter augmenter = crop(Map.of("size", List.of(20, 24)));
            NDArray result = augmenter.apply(image, new SplittableRandom(11));

            assertThat(augmenter.outputShape(new int[] {1, 28, 28})).containsExactly(1, 20, 24);
            assertThat(result.getShape()).isEqualTo(new Shape(COUNT, 1, 20, 24));
            assertDiverse(offsets(image, result, 0, false));
        }
    }

    @Test
    void repeatsUnderASeedAndVariesWithIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, COUNT);
            Augmenter augmenter = crop(Map.of("size", 28, "padding", 4, "mode", "reflect"));
            NDArray first = augmenter.apply(batch, new SplittableRandom(7));
            NDArray second = augmenter.apply(batch, new SplittableRandom(7));
            NDArray other = augmenter.apply(batch, new SplittableRandom(8));

            assertThat(second.contentEquals(first)).isTrue();
            assertThat(other.contentEquals(first)).isFalse();
            assertThat(first.getShape()).isEqualTo(batch.getShape());
        }
    }

    @Test
    void rejectsCropsThatDoNotFit() {
        Augmenter tooLarge = crop(Map.of("size", 40, "padding", 4));
        assertThatThrownBy(() -> tooLarge.outputShape(new int[] {1, 28, 28}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[1].size: crop 40x40 is larger than the padded 36x36 input");
        Augmenter wideReflection = crop(Map.of("size", 8, "padding", 8, "mode", "reflect"));
        assertThatThrownBy(() -> wideReflection.outputShape(new int[] {3, 8, 8}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[1].padding: reflect padding must be smaller than the 8x8"
                                + " input, got 8");
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(() -> crop(Map.of("size", -3, "padding", -1, "mode", "mirror")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[1].size: must be positive, got -3")
                .hasMessageContaining("augment.train[1].padding: must be >= 0, got -1")
                .hasMessageContaining(
                        "augment.train[1].mode: unknown mode 'mirror'; known: [zero, reflect]");
        assertThatThrownBy(() -> crop(Map.of("padding", 4)))
                .hasMessage(
                        "augment.train[1].size: is required: one positive integer or [height,"
                                + " width]");
    }

    /**
     * Finds, for each output image, the offset (top, left) of the window of the padded input it
     * equals; fails when an image equals no window. Returns the first match of each image.
     */
    private static List<int[]> offsets(
            NDArray input, NDArray output, int padding, boolean reflect) {
        int count = Math.toIntExact(input.getShape().get(0));
        int height = Math.toIntExact(input.getShape().get(2));
        int width = Math.toIntExact(input.getShape().get(3));
        int outHeight = Math.toIntExact(output.getShape().get(2));
        int outWidth = Math.toIntExact(output.getShape().get(3));
        int paddedHeight = height + 2 * padding;
        int paddedWidth = width + 2 * padding;
        float[] in = input.toFloatArray();
        float[] out = output.toFloatArray();
        List<int[]> offsets = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            float[] padded = new float[paddedHeight * paddedWidth];
            for (int y = 0; y < paddedHeight; y++) {
                for (int x = 0; x < paddedWidth; x++) {
                    int sy = source(y - padding, height, reflect);
                    int sx = source(x - padding, width, reflect);
                    padded[y * paddedWidth + x] =
                            sy < 0 || sx < 0 ? 0f : in[n * height * width + sy * width + sx];
                }
            }
            int[] found = null;
            for (int top = 0; top + outHeight <= paddedHeight && found == null; top++) {
                for (int left = 0; left + outWidth <= paddedWidth && found == null; left++) {
                    float[] window = new float[outHeight * outWidth];
                    for (int y = 0; y < outHeight; y++) {
                        System.arraycopy(
                                padded,
                                (top + y) * paddedWidth + left,
                                window,
                                y * outWidth,
                                outWidth);
                    }
                    int start = n * outHeight * outWidth;
                    if (Arrays.equals(
                            window, 0, window.length, out, start, start + window.length)) {
                        found = new int[] {top, left};
                    }
                }
            }
            assertThat(found).as("image %d equals a window of the padded input", n).isNotNull();
            offsets.add(found);
        }
        return offsets;
    }

    /** The input coordinate a padded coordinate copies, or -1 for a zero. */
    private static int source(int coordinate, int extent, boolean reflect) {
        if (coordinate >= 0 && coordinate < extent) {
            return coordinate;
        }
        if (!reflect) {
            return -1;
        }
        return coordinate < 0 ? -coordinate : 2 * (extent - 1) - coordinate;
    }

    private static void assertDiverse(List<int[]> offsets) {
        Set<List<Integer>> distinct = new HashSet<>();
        for (int[] offset : offsets) {
            distinct.add(List.of(offset[0], offset[1]));
        }
        assertThat(distinct.size()).as("distinct offsets among %d images", COUNT).isGreaterThan(20);
        assertThat(distinct.stream().map(o -> o.get(0)).distinct().count()).isGreaterThan(3);
        assertThat(distinct.stream().map(o -> o.get(1)).distinct().count()).isGreaterThan(3);
    }
}
