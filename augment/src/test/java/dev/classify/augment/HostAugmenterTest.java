package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.HostAugmenter;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code random-crop}, {@code random-flip} and {@code normalize} on a Java array give what their
 * {@code apply} gives on an NDArray, bit for bit, with the same draws: on real images, in every
 * mode, including the batches where only some images are flipped (a blend, not a copy).
 */
final class HostAugmenterTest {
    private static final int COUNT = 32;

    private static HostAugmenter create(AugmenterProvider provider, Map<String, Object> options) {
        return (HostAugmenter) provider.create(new Options("augment.train[0]", options));
    }

    /** The four quick-start images, repeated to {@link #COUNT}, (COUNT, 1, 28, 28) in [0, 1]. */
    private static NDArray images(NDManager manager) {
        NDArray four = TestImages.fourClasses(manager);
        return four.repeat(0, COUNT / 4);
    }

    /** Three channels of different values, for per-channel steps. */
    private static NDArray rgb(NDManager manager) {
        NDArray gray = images(manager);
        return gray.concat(gray.mul(0.5f), 1).concat(gray.neg().add(1f), 1);
    }

    @Test
    void randomCropMatchesItsArrayPathInEveryMode() {
        RandomCropProvider crop = new RandomCropProvider();
        assertSame(create(crop, Map.of("size", 28, "padding", 4)), false);
        assertSame(create(crop, Map.of("size", 28, "padding", 4, "mode", "reflect")), true);
        assertSame(create(crop, Map.of("size", List.of(20, 24), "padding", 2)), true);
        assertSame(create(crop, Map.of("size", 24)), false);
        assertSame(create(crop, Map.of("size", 28)), false);
    }

    @Test
    void randomFlipMatchesItsArrayPathForSomeAllAndNoImages() {
        RandomFlipProvider flip = new RandomFlipProvider();
        assertSame(create(flip, Map.of("horizontal", true)), false);
        assertSame(create(flip, Map.of("horizontal", true, "vertical", true)), true);
        assertSame(create(flip, Map.of("horizontal", false, "vertical", true)), false);
        assertSame(create(flip, Map.of("horizontal", true, "probability", 1.0)), false);
        assertSame(create(flip, Map.of("horizontal", true, "probability", 0.0)), true);
    }

    @Test
    void normalizeMatchesItsArrayPathPerChannel() {
        NormalizeProvider normalize = new NormalizeProvider();
        assertSame(create(normalize, Map.of("mean", List.of(0.286), "std", List.of(0.353))), false);
        assertSame(
                create(
                        normalize,
                        Map.of(
                                "mean", List.of(0.485, 0.456, 0.406),
                                "std", List.of(0.229, 0.224, 0.225))),
                true);
    }

    @Test
    void aCropLargerThanThePaddedInputFailsAsOnTheArrayPath() {
        HostAugmenter crop = create(new RandomCropProvider(), Map.of("size", 40, "padding", 4));
        assertThatThrownBy(
                        () ->
                                crop.applyOnHost(
                                        new float[28 * 28],
                                        new Shape(1, 1, 28, 28),
                                        new SplittableRandom(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larger than the padded 36x36 input");
    }

    /**
     * Runs {@code step} on three batches from one generator both ways and compares the bits and the
     * generators' states afterwards.
     */
    private static void assertSame(HostAugmenter step, boolean threeChannels) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = threeChannels ? rgb(manager) : images(manager);
            SplittableRandom arrayDraws = new SplittableRandom(17);
            SplittableRandom hostDraws = new SplittableRandom(17);
            for (int round = 0; round < 3; round++) {
                NDArray expected = step.apply(batch, arrayDraws);
                float[] actual =
                        step.applyOnHost(batch.toFloatArray(), batch.getShape(), hostDraws);

                int[] shape = step.outputShape(new int[] {(int) batch.getShape().get(1), 28, 28});
                assertThat(actual).hasSize(COUNT * shape[0] * shape[1] * shape[2]);
                assertThat(bits(actual)).isEqualTo(bits(expected.toFloatArray()));
            }
            assertThat(hostDraws.nextLong()).isEqualTo(arrayDraws.nextLong());
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
