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
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ToRgbTest {

    private static Augmenter toRgb() {
        return new ToRgbProvider().create(new Options("augment.train[0]", Map.of()));
    }

    @Test
    void copiesTheGrayChannelIntoThreeChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray gray = TestImages.sneakers(manager, 4);
            NDArray rgb = toRgb().apply(gray, new SplittableRandom(1));

            assertThat(rgb.getShape()).isEqualTo(new Shape(4, 3, 28, 28));
            assertThat(toRgb().outputShape(new int[] {1, 28, 28})).containsExactly(3, 28, 28);
            for (int c = 0; c < 3; c++) {
                NDArray channel = rgb.get(new NDIndex(":, {}:{}", c, c + 1));
                assertThat(channel.toFloatArray()).containsExactly(gray.toFloatArray());
            }
        }
    }

    @Test
    void passesRgbThrough() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray gray = TestImages.sneakers(manager, 1);
            NDArray rgb = gray.concat(gray.mul(0.5f), 1).concat(gray, 1);
            assertThat(toRgb().apply(rgb, new SplittableRandom(1))).isSameAs(rgb);
        }
    }

    @Test
    void rejectsOtherChannelCountsAndOptions() {
        assertThatThrownBy(() -> toRgb().outputShape(new int[] {4, 28, 28}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[0]: to-rgb needs 1- or 3-channel images, got 4 channels");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray two = manager.zeros(new Shape(1, 2, 4, 4));
            assertThatThrownBy(() -> toRgb().apply(two, new SplittableRandom(1)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("got 2 channels");
        }
        assertThatThrownBy(
                        () ->
                                new ToRgbProvider()
                                        .create(new Options("augment.train[0]", Map.of("size", 3))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[0].size: unknown option 'size'; known: []");
    }
}
