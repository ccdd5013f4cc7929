package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RandomAffineTest {

    private static Augmenter rotation(Map<String, Object> options) {
        return new RandomRotationProvider().create(new Options("augment.train[4]", options));
    }

    private static Augmenter affine(Map<String, Object> options) {
        return new RandomAffineProvider().create(new Options("augment.train[5]", options));
    }

    @Test
    void aQuarterTurnCounterClockwiseIsATransposeAndVerticalFlip() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            // degrees 180: angle = -180 + 360 u; u = 0.75 gives +90
            float[] out =
                    rotation(Map.of("degrees", 180))
                            .apply(image, new FixedRandom(0.75))
                            .toFloatArray();
            float[] in = image.toFloatArray();
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertThat(out[y * 28 + x])
                            .as("pixel %d,%d", y, x)
                            .isCloseTo(in[x * 28 + 27 - y], within(1e-5f));
                }
            }
        }
    }

    @Test
    void aWholePixelShiftMovesTheImageAndFillsWithZeros() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            // angle u = 0.5 gives 0; translate 0.25: shifts in [-7, 7]; u = 0.75 gives +3.5 -> 4
            // (Math.round), u = 0.25 gives -3.5 -> -3
            float[] out =
                    affine(Map.of("degrees", 10, "translate", List.of(0.25, 0.25)))
                            .apply(image, new FixedRandom(0.5, 0.75, 0.25))
                            .toFloatArray();
            float[] in = image.toFloatArray();
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int sy = y + 3;
                    int sx = x - 4;
                    float expected = sx >= 0 && sy < 28 ? in[sy * 28 + sx] : 0f;
                    assertThat(out[y * 28 + x]).as("pixel %d,%d", y, x).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void keepsShapeAndRangeBlursAndRepeatsUnderASeedOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 16).repeat(1, 3);
            Augmenter augmenter = rotation(Map.of("degrees", 30));
            NDArray first = augmenter.apply(batch, new SplittableRandom(2));
            assertThat(first.getShape()).isEqualTo(batch.getShape());
            assertThat(first.contentEquals(augmenter.apply(batch, new SplittableRandom(2))))
                    .isTrue();
            assertThat(first.contentEquals(augmenter.apply(batch, new SplittableRandom(3))))
                    .isFalse();
            assertThat(first.contentEquals(batch)).isFalse();
            assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f + 1e-6f);
            // a rotation about the centre keeps most of the ink
            float ratio = first.sum().getFloat() / batch.sum().getFloat();
            assertThat(ratio).isBetween(0.8f, 1.05f);
        }
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(() -> rotation(Map.of("degree", 10)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[4].degrees: is required")
                .hasMessageContaining("augment.train[4].degree: unknown option 'degree'");
        assertThatThrownBy(() -> affine(Map.of("degrees", 200, "translate", List.of(0.1))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[5].degrees: must be in [0, 180], got 200.0")
                .hasMessageContaining(
                        "augment.train[5].translate: expected [tx, ty], each in [0, 1], got [0.1]");
    }
}
