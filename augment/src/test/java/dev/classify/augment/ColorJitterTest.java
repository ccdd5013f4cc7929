package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ColorJitterTest {

    private static Augmenter jitter(Map<String, Object> options) {
        return new ColorJitterProvider().create(new Options("augment.train[2]", options));
    }

    /** The sneaker as a brown-ish RGB image: (p, 0.6 p, 0.3 p). */
    private static NDArray tinted(NDManager manager, int count) {
        NDArray gray = TestImages.sneakers(manager, count);
        return gray.concat(gray.mul(0.6f), 1).concat(gray.mul(0.3f), 1);
    }

    @Test
    void brightnessMultipliesEveryPixelByItsImagesFactorAndClamps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 2);
            // brightness 0.5: factors in [0.5, 1.5]; draws 0.9 and 0.1 give 1.4 and 0.6
            NDArray result =
                    jitter(Map.of("brightness", 0.5)).apply(batch, new FixedRandom(0.9, 0.1));

            float[] in = batch.toFloatArray();
            float[] out = result.toFloatArray();
            for (int i = 0; i < 784; i++) {
                assertThat(out[i]).isCloseTo(Math.min(1f, in[i] * 1.4f), within(1e-6f));
                assertThat(out[784 + i]).isCloseTo(in[784 + i] * 0.6f, within(1e-6f));
            }
            assertThat(result.max().getFloat()).isEqualTo(1f);
        }
    }

    @Test
    void contrastBlendsWithTheImagesMeanGrayLevel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            float[] in = image.toFloatArray();
            double mean = 0;
            for (float value : in) {
                mean += value / 784.0;
            }
            // contrast 0.8: factors in [0.2, 1.8]; draw 0.25 gives 0.6
            float[] out =
                    jitter(Map.of("contrast", 0.8))
                            .apply(image, new FixedRandom(0.25))
                            .toFloatArray();
            for (int i = 0; i < 784; i++) {
                double expected = Math.min(1, Math.max(0, 0.6 * in[i] + 0.4 * mean));
                assertThat((double) out[i]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void zeroSaturationLeavesTheGrayLevelInEveryChannel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rgb = tinted(manager, 1);
            float[] in = rgb.toFloatArray();
            // saturation 1: factors in [0, 2]; draw 0 gives 0
            NDArray result = jitter(Map.of("saturation", 1)).apply(rgb, new FixedRandom(0));
            float[] out = result.toFloatArray();
            for (int i = 0; i < 784; i++) {
                float gray = 0.2989f * in[i] + 0.587f * in[784 + i] + 0.114f * in[1568 + i];
                for (int c = 0; c < 3; c++) {
                    assertThat(out[c * 784 + i]).isCloseTo(gray, within(1e-5f));
                }
            }
        }
    }

    @Test
    void aThirdTurnOfHueRotatesTheChannelsAndNoTurnKeepsThem() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rgb = tinted(manager, 1);
            Augmenter augmenter = jitter(Map.of("hue", 0.5));
            // shift = -0.5 + draw: 5/6 gives +1/3, which maps (r, g, b) to (b, r, g)
            NDArray turned = augmenter.apply(rgb, new FixedRandom(5.0 / 6));
            NDArray kept = augmenter.apply(rgb, new FixedRandom(0.5));

            NDArray expected =
                    rgb.get(new NDIndex(":, 2:3"))
                            .concat(rgb.get(new NDIndex(":, 0:1")), 1)
                            .concat(rgb.get(new NDIndex(":, 1:2")), 1);
            assertThat(turned.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(kept.sub(rgb).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(turned.getShape()).isEqualTo(new Shape(1, 3, 28, 28));
        }
    }

    @Test
    void keepsShapeAndRangeAndRepeatsUnderASeedOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rgb = tinted(manager, 16);
            Augmenter augmenter =
                    jitter(
                            Map.of(
                                    "brightness", 0.4,
                                    "contrast", 0.4,
                                    "saturation", 0.4,
                                    "hue", 0.1));
            NDArray first = augmenter.apply(rgb, new SplittableRandom(3));
            NDArray second = augmenter.apply(rgb, new SplittableRandom(3));
            NDArray other = augmenter.apply(rgb, new SplittableRandom(4));

            assertThat(first.getShape()).isEqualTo(rgb.getShape());
            assertThat(first.contentEquals(second)).isTrue();
            assertThat(first.contentEquals(other)).isFalse();
            assertThat(first.contentEquals(rgb)).isFalse();
            assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f);
            // each image has its own factors
            assertThat(first.get(new NDIndex("0")).contentEquals(first.get(new NDIndex("1"))))
                    .isFalse();
        }
    }

    @Test
    void rejectsSaturationAndHueOnGrayImages() {
        Augmenter augmenter = jitter(Map.of("brightness", 0.2, "hue", 0.1));
        assertThatThrownBy(() -> augmenter.outputShape(new int[] {1, 28, 28}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[2]: saturation and hue need 3-channel images, got 1"
                                + " channel; put to-rgb first or drop the option");
        assertThat(augmenter.outputShape(new int[] {3, 28, 28})).containsExactly(3, 28, 28);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray gray = TestImages.sneakers(manager, 1);
            assertThatThrownBy(() -> augmenter.apply(gray, new SplittableRandom(1)))
                    .isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(
                        () ->
                                jitter(
                                        Map.of(
                                                "brightness",
                                                -0.1,
                                                "contrast",
                                                "high",
                                                "hue",
                                                0.7,
                                                "gamma",
                                                2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[2].brightness: must be >= 0, got -0.1")
                .hasMessageContaining("augment.train[2].contrast: expected a number, got 'high'")
                .hasMessageContaining("augment.train[2].hue: must be in [0, 0.5], got 0.7")
                .hasMessageContaining("augment.train[2].gamma: unknown option 'gamma'");
        assertThatThrownBy(() -> jitter(Map.of()))
                .hasMessageContaining("augment.train[2].brightness: changes nothing");
    }
}
