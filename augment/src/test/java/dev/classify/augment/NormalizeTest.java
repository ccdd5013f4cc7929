package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class NormalizeTest {

    private static Augmenter normalize(Map<String, Object> options) {
        return new NormalizeProvider().create(new Options("augment.eval[1]", options));
    }

    @Test
    void mapsEveryPixelWithItsChannelsMeanAndStd() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = TestImages.sneakers(manager, 1);
            NDArray rgb = image.concat(image, 1).concat(image, 1);
            NDArray result =
                    normalize(
                                    Map.of(
                                            "mean", List.of(0.485, 0.456, 0.406),
                                            "std", List.of(0.229, 0.224, 0.225)))
                            .apply(rgb, new SplittableRandom(1));

            float[] in = image.toFloatArray();
            float[] out = result.toFloatArray();
            assertThat(result.getShape()).isEqualTo(new Shape(1, 3, 28, 28));
            int pixel = 14 * 28 + 14;
            assertThat(out[pixel]).isCloseTo((in[pixel] - 0.485f) / 0.229f, within(1e-5f));
            assertThat(out[784 + pixel]).isCloseTo((in[pixel] - 0.456f) / 0.224f, within(1e-5f));
            assertThat(out[2 * 784 + pixel])
                    .isCloseTo((in[pixel] - 0.406f) / 0.225f, within(1e-5f));
        }
    }

    @Test
    void defaultsMapTheUnitRangeToMinusOneOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.create(new float[] {0f, 0.5f, 1f}, new Shape(1, 1, 1, 3));
            NDArray result = normalize(Map.of()).apply(image, new SplittableRandom(1));
            assertThat(result.toFloatArray()).containsExactly(-1f, 0f, 1f);
        }
    }

    @Test
    void rejectsAStdOfZeroAndAChannelMismatch() {
        assertThatThrownBy(() -> normalize(Map.of("std", List.of(0.2, 0.0))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.eval[1].std: must be positive numbers");
        Augmenter threeChannels =
                normalize(Map.of("mean", List.of(0.1, 0.2, 0.3), "std", List.of(0.2, 0.2, 0.2)));
        assertThatThrownBy(() -> threeChannels.outputShape(new int[] {1, 28, 28}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mean and std give 3 values for 1-channel images")
                .hasMessageContaining("put {type: to-rgb} before normalize");
    }

    @Test
    void serviceLoaderFindsTheDeclaredProviders() {
        assertThat(ServiceLoader.load(AugmenterProvider.class).stream().map(p -> p.get().name()))
                .containsExactlyInAnyOrder(
                        "random-flip",
                        "normalize",
                        "resize",
                        "center-crop",
                        "random-crop",
                        "to-rgb",
                        "random-resized-crop",
                        "color-jitter",
                        "random-erasing",
                        "random-rotation",
                        "random-affine",
                        "mixup",
                        "cutmix",
                        "trivial-augment",
                        "rand-augment");
    }
}
