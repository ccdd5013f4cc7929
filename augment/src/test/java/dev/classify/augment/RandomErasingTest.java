package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RandomErasingTest {
    private static final int COUNT = 200;

    private static Augmenter erasing(Map<String, Object> options) {
        return new RandomErasingProvider().create(new Options("augment.train[3]", options));
    }

    @Test
    void erasesExactlyOneRectangleInAboutHalfTheImagesAndLeavesTheRestIdentical() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // normalized, as usual before erasing: values in [-1, 1]
            NDArray batch = TestImages.sneakers(manager, COUNT).mul(2f).sub(1f);
            NDArray result = erasing(Map.of("value", 0.25)).apply(batch, new SplittableRandom(9));

            float[] in = batch.toFloatArray();
            float[] out = result.toFloatArray();
            int erased = 0;
            for (int n = 0; n < COUNT; n++) {
                int top = 28;
                int bottom = -1;
                int left = 28;
                int right = -1;
                for (int i = 0; i < 784; i++) {
                    if (out[n * 784 + i] != in[n * 784 + i]) {
                        top = Math.min(top, i / 28);
                        bottom = Math.max(bottom, i / 28);
                        left = Math.min(left, i % 28);
                        right = Math.max(right, i % 28);
                    }
                }
                if (bottom < 0) {
                    continue;
                }
                erased++;
                // the bounding box of the changes is entirely the value: 2 k / 255 - 1 is never
                // 0.25, so every erased pixel changed and the box is the rectangle
                for (int y = top; y <= bottom; y++) {
                    for (int x = left; x <= right; x++) {
                        assertThat(out[n * 784 + y * 28 + x]).isEqualTo(0.25f);
                    }
                }
                int area = (bottom - top + 1) * (right - left + 1);
                assertThat(area)
                        .isBetween(1, (int) Math.ceil(0.33 * 784) + 28); // sides are rounded
                assertThat(bottom - top + 1).isLessThan(28);
                assertThat(right - left + 1).isLessThan(28);
            }
            assertThat(erased).isBetween(70, 130);
        }
    }

    @Test
    void probabilityZeroKeepsTheBatchAndOneErasesEveryImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 8);
            assertThat(erasing(Map.of("probability", 0)).apply(batch, new SplittableRandom(1)))
                    .isSameAs(batch);
            NDArray all =
                    erasing(Map.of("probability", 1, "scale", List.of(0.2, 0.3), "value", 2))
                            .apply(batch, new SplittableRandom(1));
            float[] out = all.toFloatArray();
            for (int n = 0; n < 8; n++) {
                int count = 0;
                for (int i = 0; i < 784; i++) {
                    count += out[n * 784 + i] == 2f ? 1 : 0;
                }
                assertThat(count).as("erased pixels of image %d", n).isBetween(140, 250);
            }
            assertThat(all.getShape()).isEqualTo(batch.getShape());
        }
    }

    @Test
    void repeatsUnderASeedOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 32).repeat(1, 3);
            Augmenter augmenter = erasing(Map.of());
            NDArray first = augmenter.apply(batch, new SplittableRandom(5));
            assertThat(first.contentEquals(augmenter.apply(batch, new SplittableRandom(5))))
                    .isTrue();
            assertThat(first.contentEquals(augmenter.apply(batch, new SplittableRandom(6))))
                    .isFalse();
            assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(
                        () ->
                                erasing(
                                        Map.of(
                                                "probability",
                                                2,
                                                "scale",
                                                List.of(0.1, 1.0),
                                                "ratio",
                                                List.of(3, 0.3),
                                                "value",
                                                "random")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[3].probability: must be in [0, 1], got 2.0")
                .hasMessageContaining("augment.train[3].scale: must be below 1")
                .hasMessageContaining(
                        "augment.train[3].ratio: expected finite numbers with low <= high")
                .hasMessageContaining("augment.train[3].value: expected a number, got 'random'");
    }
}
