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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ResizeTest {

    private static Augmenter resize(Object size) {
        return new ResizeProvider().create(new Options("augment.train[1]", Map.of("size", size)));
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 2);
            NDArray half = resize(14).apply(image, new SplittableRandom(1));

            assertThat(half.getShape()).isEqualTo(new Shape(2, 1, 14, 14));
            float[] in = image.toFloatArray();
            float[] out = half.toFloatArray();
            for (int y = 0; y < 14; y++) {
                for (int x = 0; x < 14; x++) {
                    int topLeft = 2 * y * 28 + 2 * x;
                    float mean =
                            (in[topLeft] + in[topLeft + 1] + in[topLeft + 28] + in[topLeft + 29])
                                    / 4;
                    assertThat(out[y * 14 + x])
                            .as("pixel %d,%d", y, x)
                            .isCloseTo(mean, within(1e-5f));
                    assertThat(out[196 + y * 14 + x]).isCloseTo(mean, within(1e-5f));
                }
            }
        }
    }

    @Test
    void doublingAndHalvingAgainStaysCloseToTheOriginal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            NDArray large = resize(56).apply(image, new SplittableRandom(1));
            NDArray back = resize(List.of(28, 28)).apply(large, new SplittableRandom(1));

            assertThat(large.getShape()).isEqualTo(new Shape(1, 1, 56, 56));
            assertThat(back.getShape()).isEqualTo(image.getShape());
            NDArray error = back.sub(image).abs();
            assertThat(error.mean().getFloat()).isLessThan(0.03f);
            assertThat(error.max().getFloat()).isLessThan(0.3f);
            assertThat(large.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(large.max().getFloat()).isLessThanOrEqualTo(1f + 1e-6f);
            // the up-scaled image is not just the original repeated: bilinear blends neighbours
            assertThat(large.toFloatArray())
                    .isNotEqualTo(image.repeat(2, 2).repeat(3, 2).toFloatArray());
        }
    }

    @Test
    void resizesToHeightAndWidthKeepingChannelsAndConstants() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray constant = manager.full(new Shape(3, 3, 28, 28), 0.7f);
            Augmenter augmenter = resize(List.of(20, 36));
            NDArray result = augmenter.apply(constant, new SplittableRandom(1));

            assertThat(result.getShape()).isEqualTo(new Shape(3, 3, 20, 36));
            assertThat(augmenter.outputShape(new int[] {3, 28, 28})).containsExactly(3, 20, 36);
            for (float value : result.toFloatArray()) {
                assertThat(value).isCloseTo(0.7f, within(1e-6f));
            }
        }
    }

    @Test
    void isDeterministicAndKeepsASameSizedBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 3);
            Augmenter augmenter = resize(List.of(32, 24));
            NDArray first = augmenter.apply(image, new SplittableRandom(1));
            NDArray second = augmenter.apply(image, new SplittableRandom(2));
            assertThat(first.contentEquals(second)).isTrue();
            assertThat(resize(28).apply(image, new SplittableRandom(1))).isSameAs(image);
        }
    }

    @Test
    void rejectsBadSizesWithTheirPath() {
        assertThatThrownBy(() -> resize(-3))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("augment.train[1].size: must be positive, got -3");
        assertThatThrownBy(() -> resize(List.of(28, 28, 3)))
                .hasMessageContaining(
                        "augment.train[1].size: expected one integer or [height, width], got [28, 28, 3]");
        assertThatThrownBy(
                        () ->
                                new ResizeProvider()
                                        .create(new Options("augment.eval[0]", Map.of("sizes", 3))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.eval[0].size: is required")
                .hasMessageContaining(
                        "augment.eval[0].sizes: unknown option 'sizes'; known: [size]");
    }
}
