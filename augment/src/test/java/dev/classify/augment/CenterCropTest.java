package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CenterCropTest {

    private static Augmenter crop(Map<String, Object> options) {
        return new CenterCropProvider().create(new Options("augment.eval[0]", options));
    }

    @Test
    void keepsExactlyTheMiddlePixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 2);
            NDArray cropped = crop(Map.of("size", 20)).apply(image, new SplittableRandom(1));

            assertThat(cropped.getShape()).isEqualTo(new Shape(2, 1, 20, 20));
            float[] in = image.toFloatArray();
            float[] out = cropped.toFloatArray();
            for (int n = 0; n < 2; n++) {
                for (int y = 0; y < 20; y++) {
                    for (int x = 0; x < 20; x++) {
                        assertThat(out[n * 400 + y * 20 + x])
                                .isEqualTo(in[n * 784 + (y + 4) * 28 + x + 4]);
                    }
                }
            }
        }
    }

    @Test
    void cutsTheOddMarginsExtraRowAndColumnFromBottomAndRight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            Augmenter augmenter = crop(Map.of("size", List.of(9, 15)));
            NDArray cropped = augmenter.apply(image, new SplittableRandom(1));

            assertThat(augmenter.outputShape(new int[] {1, 28, 28})).containsExactly(1, 9, 15);
            assertThat(cropped.getShape()).isEqualTo(new Shape(1, 1, 9, 15));
            float[] in = image.toFloatArray();
            float[] out = cropped.toFloatArray();
            // margins 19 and 13: top 9, left 6
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 15; x++) {
                    assertThat(out[y * 15 + x]).isEqualTo(in[(y + 9) * 28 + x + 6]);
                }
            }
            assertThat(cropped.max().getFloat()).isGreaterThan(0.5f);
        }
    }

    @Test
    void isDeterministicAndKeepsAFullSizedCrop() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            Augmenter augmenter = crop(Map.of("size", 24));
            assertThat(
                            augmenter
                                    .apply(image, new SplittableRandom(1))
                                    .contentEquals(augmenter.apply(image, new SplittableRandom(2))))
                    .isTrue();
            assertThat(crop(Map.of("size", 28)).apply(image, new SplittableRandom(1)))
                    .isSameAs(image);
        }
    }

    @Test
    void rejectsACropLargerThanTheImage() {
        Augmenter augmenter = crop(Map.of("size", List.of(24, 32)));
        assertThatThrownBy(() -> augmenter.outputShape(new int[] {1, 28, 28}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "augment.eval[0].size: crop 24x32 is larger than the 28x28 input");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            assertThatThrownBy(() -> augmenter.apply(image, new SplittableRandom(1)))
                    .isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(() -> crop(Map.of("size", "big", "padding", 2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "augment.eval[0].size: expected a list of integers, got 'big'")
                .hasMessageContaining("augment.eval[0].padding: unknown option 'padding'");
        assertThatThrownBy(() -> crop(Map.of("size", List.of(0, 20))))
                .hasMessageContaining("augment.eval[0].size: must be positive, got [0, 20]");
    }
}
