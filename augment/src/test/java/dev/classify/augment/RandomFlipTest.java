package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RandomFlipTest {

    private static Augmenter flip(Map<String, Object> options) {
        return new RandomFlipProvider().create(new Options("augment.train[0]", options));
    }

    @Test
    void alwaysFlippingMirrorsEveryPixelLeftRight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            NDArray flipped =
                    flip(Map.of("probability", 1.0)).apply(image, new SplittableRandom(1));

            float[] before = image.toFloatArray();
            float[] after = flipped.toFloatArray();
            assertThat(after).isNotEqualTo(before);
            for (int row = 0; row < 28; row++) {
                for (int column = 0; column < 28; column++) {
                    assertThat(after[row * 28 + column]).isEqualTo(before[row * 28 + 27 - column]);
                }
            }
            assertThat(flipped.getShape()).isEqualTo(image.getShape());
        }
    }

    @Test
    void verticalFlipMirrorsTopBottom() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            NDArray flipped =
                    flip(Map.of("horizontal", false, "vertical", true, "probability", 1.0))
                            .apply(image, new SplittableRandom(1));

            float[] before = image.toFloatArray();
            float[] after = flipped.toFloatArray();
            for (int row = 0; row < 28; row++) {
                for (int column = 0; column < 28; column++) {
                    assertThat(after[row * 28 + column])
                            .isEqualTo(before[(27 - row) * 28 + column]);
                }
            }
        }
    }

    @Test
    void flipsAboutHalfTheImagesEachExactlyOnceAndRepeatsUnderASeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 200);
            Augmenter augmenter = flip(Map.of());
            NDArray first = augmenter.apply(batch, new SplittableRandom(7));
            NDArray second = augmenter.apply(batch, new SplittableRandom(7));
            NDArray mirrored = batch.flip(3);

            int flippedCount = 0;
            for (int i = 0; i < 200; i++) {
                NDArray image = first.get(new NDIndex(i));
                boolean same = image.contentEquals(batch.get(new NDIndex(i)));
                boolean flipped = image.contentEquals(mirrored.get(new NDIndex(i)));
                assertThat(same ^ flipped).as("image %d is either kept or mirrored", i).isTrue();
                flippedCount += flipped ? 1 : 0;
            }
            assertThat(flippedCount).isBetween(70, 130);
            assertThat(second.contentEquals(first)).isTrue();
            assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void rejectsBadOptionsAtOnce() {
        assertThatThrownBy(() -> flip(Map.of("probability", 1.5, "horizontal", "yes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[0].probability: must be in [0, 1], got 1.5")
                .hasMessageContaining(
                        "augment.train[0].horizontal: expected true or false, got 'yes'");
    }
}
