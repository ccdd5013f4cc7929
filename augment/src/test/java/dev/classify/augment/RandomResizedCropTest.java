package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RandomResizedCropTest {
    private static final int COUNT = 32;

    private static Augmenter crop(Map<String, Object> options) {
        return new RandomResizedCropProvider().create(new Options("augment.train[0]", options));
    }

    @Test
    void eachImageIsItsOwnWindowResizedBilinearly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, COUNT);
            // a quarter of the area at ratio 1 is always a 14x14 window, doubled to 28x28
            NDArray result =
                    crop(Map.of("size", 28, "scale", List.of(0.25, 0.25), "ratio", List.of(1, 1)))
                            .apply(batch, new SplittableRandom(11));

            assertThat(result.getShape()).isEqualTo(new Shape(COUNT, 1, 28, 28));
            float[] in = TestImages.sneakers(manager, 1).toFloatArray();
            float[] out = result.toFloatArray();
            Set<List<Integer>> windows = new HashSet<>();
            for (int n = 0; n < COUNT; n++) {
                List<Integer> found = null;
                for (int top = 0; top <= 14 && found == null; top++) {
                    for (int left = 0; left <= 14 && found == null; left++) {
                        if (matches(out, n * 784, resized(in, top, left, 14, 14, 28))) {
                            found = List.of(top, left);
                        }
                    }
                }
                assertThat(found).as("image %d is a resized 14x14 window", n).isNotNull();
                windows.add(found);
            }
            assertThat(windows.size()).isGreaterThan(COUNT / 2);
        }
    }

    @Test
    void fallsBackToTheCentralCropClippedToTheRatioRangeAsResizeWould() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 2);
            // width / height 4 never fits a 28x28 image at full area: a central 7x28 band is kept
            NDArray result =
                    crop(Map.of("size", 28, "scale", List.of(1, 1), "ratio", List.of(4, 4)))
                            .apply(image, new SplittableRandom(3));
            NDArray band =
                    new CenterCropProvider()
                            .create(new Options("c", Map.of("size", List.of(7, 28))))
                            .apply(image, new SplittableRandom(3));
            NDArray expected =
                    new ResizeProvider()
                            .create(new Options("r", Map.of("size", 28)))
                            .apply(band, new SplittableRandom(3));

            float[] out = result.toFloatArray();
            float[] reference = expected.toFloatArray();
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as("value %d", i).isCloseTo(reference[i], within(1e-5f));
            }
            float[] in = image.toFloatArray();
            assertThat(matches(out, 0, resized(in, 10, 0, 7, 28, 28))).isTrue();
        }
    }

    @Test
    void aFullAreaSquareCropOfTheSameSizeIsTheImageItself() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 3);
            NDArray result =
                    crop(Map.of("size", 28, "scale", List.of(1, 1), "ratio", List.of(1, 1)))
                            .apply(image, new SplittableRandom(5));
            assertThat(result.toFloatArray()).containsExactly(image.toFloatArray());
        }
    }

    @Test
    void keepsShapeAndRangeAndRepeatsUnderASeedOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rgb = TestImages.sneakers(manager, COUNT).repeat(1, 3);
            Augmenter augmenter = crop(Map.of("size", List.of(20, 24)));
            NDArray first = augmenter.apply(rgb, new SplittableRandom(7));
            NDArray second = augmenter.apply(rgb, new SplittableRandom(7));
            NDArray other = augmenter.apply(rgb, new SplittableRandom(8));

            assertThat(augmenter.outputShape(new int[] {3, 28, 28})).containsExactly(3, 20, 24);
            assertThat(first.getShape()).isEqualTo(new Shape(COUNT, 3, 20, 24));
            assertThat(first.contentEquals(second)).isTrue();
            assertThat(first.contentEquals(other)).isFalse();
            assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f + 1e-6f);
        }
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(
                        () ->
                                crop(
                                        Map.of(
                                                "scale", List.of(0.5, 0.1),
                                                "ratio", List.of(0, 2),
                                                "probability", 1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[0].size: is required")
                .hasMessageContaining(
                        "augment.train[0].scale: expected finite numbers with low <= high, got [0.5, 0.1]")
                .hasMessageContaining("augment.train[0].ratio: must be greater than 0.0")
                .hasMessageContaining("augment.train[0].probability: unknown option");
        assertThatThrownBy(() -> crop(Map.of("size", 28, "scale", List.of(0.5, 1.5))))
                .hasMessageContaining("augment.train[0].scale: must be at most 1");
        assertThatThrownBy(() -> crop(Map.of("size", 28, "scale", 0.5)))
                .hasMessageContaining("augment.train[0].scale: expected [low, high], got [0.5]");
    }

    /**
     * Resizes the (height, width) window at (top, left) of a 28x28 image to out x out with
     * half-pixel centres and edge replication, in double precision.
     */
    private static float[] resized(
            float[] image, int top, int left, int height, int width, int out) {
        float[] result = new float[out * out];
        for (int y = 0; y < out; y++) {
            double sy = Math.min(Math.max((y + 0.5) * height / out - 0.5, 0), height - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < out; x++) {
                double sx = Math.min(Math.max((x + 0.5) * width / out - 0.5, 0), width - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                double value =
                        (1 - fy)
                                        * ((1 - fx) * at(image, top + y0, left + x0)
                                                + fx * at(image, top + y0, left + x1))
                                + fy
                                        * ((1 - fx) * at(image, top + y1, left + x0)
                                                + fx * at(image, top + y1, left + x1));
                result[y * out + x] = (float) value;
            }
        }
        return result;
    }

    private static double at(float[] image, int y, int x) {
        return image[y * 28 + x];
    }

    private static boolean matches(float[] out, int start, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(out[start + i] - expected[i]) > 1e-5f) {
                return false;
            }
        }
        return true;
    }
}
