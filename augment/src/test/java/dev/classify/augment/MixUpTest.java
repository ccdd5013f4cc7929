package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.ConfigurationException;
import dev.classify.api.MixedBatch;
import dev.classify.api.MixingAugmenter;
import dev.classify.api.Options;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class MixUpTest {
    private static final int[] LABELS = TestImages.FOUR_LABELS;

    private static MixUp mixup(Map<String, Object> options) {
        return (MixUp) new MixUpProvider().create(new Options("augment.train[2]", options));
    }

    @Test
    void blendsEveryImageWithItsPartnerByTheWeightsOfTheirLabels() {
        MixUp mixup = mixup(Map.of("alpha", 1.0));
        // The first seed whose draw mixes at least two images with another and with a weight
        // far from 0 and 1, so that the pixel comparison below can fail.
        long seed = 0;
        while (true) {
            MixUp.Draw draw = mixup.draw(new SplittableRandom(seed), 4).orElseThrow();
            long moved = 0;
            for (int i = 0; i < 4; i++) {
                moved += draw.partners()[i] != i ? 1 : 0;
            }
            if (moved >= 2 && draw.lambda() > 0.2 && draw.lambda() < 0.8) {
                break;
            }
            seed++;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = TestImages.fourClasses(manager);
            MixedBatch mixed =
                    mixup.mix(
                            images, MixingBatches.fourTargets(manager), new SplittableRandom(seed));

            float[] in = images.toFloatArray();
            float[] out = mixed.images().toFloatArray();
            float[] targets = mixed.targets().toFloatArray();
            assertThat(mixed.images().getShape()).isEqualTo(new Shape(4, 1, 28, 28));
            assertThat(mixed.targets().getShape()).isEqualTo(new Shape(4, 10));
            int blended = 0;
            for (int n = 0; n < 4; n++) {
                float own = targets[n * 10 + LABELS[n]];
                float[] row = Arrays.copyOfRange(targets, n * 10, n * 10 + 10);
                assertThat(sum(row)).isCloseTo(1f, within(1e-6f));
                if (own == 1f) {
                    // Its own partner: unchanged up to float rounding.
                    assertThat(Arrays.copyOfRange(out, n * 784, n * 784 + 784))
                            .containsExactly(
                                    Arrays.copyOfRange(in, n * 784, n * 784 + 784), within(1e-6f));
                    continue;
                }
                blended++;
                // The partner is the image whose label carries the rest of the weight.
                int partnerLabel = -1;
                for (int k = 0; k < 10; k++) {
                    if (k != LABELS[n] && row[k] > 0) {
                        partnerLabel = k;
                    }
                }
                int partner = MixingBatches.index(LABELS, partnerLabel);
                assertThat(row[partnerLabel]).isCloseTo(1 - own, within(1e-6f));
                int differing = 0;
                for (int i = 0; i < 784; i++) {
                    float expected = own * in[n * 784 + i] + (1 - own) * in[partner * 784 + i];
                    assertThat(out[n * 784 + i]).isCloseTo(expected, within(1e-6f));
                    differing += in[n * 784 + i] != in[partner * 784 + i] ? 1 : 0;
                }
                assertThat(differing).isGreaterThan(100);
            }
            assertThat(blended).isGreaterThanOrEqualTo(2);
            // A convex combination stays in [0, 1].
            assertThat(mixed.images().min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(mixed.images().max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void theSameSeedMixesTheSameAndAnotherSeedOtherwise() {
        MixingAugmenter mixup = mixup(Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = TestImages.fourClasses(manager);
            NDArray targets = MixingBatches.fourTargets(manager);
            MixedBatch first = mixup.mix(images, targets, new SplittableRandom(42));
            MixedBatch again = mixup.mix(images, targets, new SplittableRandom(42));
            MixedBatch other = mixup.mix(images, targets, new SplittableRandom(43));

            assertThat(again.images().toFloatArray())
                    .containsExactly(first.images().toFloatArray());
            assertThat(again.targets().toFloatArray())
                    .containsExactly(first.targets().toFloatArray());
            assertThat(other.targets().toFloatArray()).isNotEqualTo(first.targets().toFloatArray());
            // The images-only variant draws the same and gives the same pixels.
            assertThat(mixup.apply(images, new SplittableRandom(42)).toFloatArray())
                    .containsExactly(first.images().toFloatArray());
        }
    }

    @Test
    void mixesAboutTheGivenShareOfBatchesAndProbabilityZeroNone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = TestImages.fourClasses(manager);
            NDArray targets = MixingBatches.fourTargets(manager);
            MixedBatch kept =
                    mixup(Map.of("probability", 0)).mix(images, targets, new SplittableRandom(1));
            assertThat(kept.images()).isSameAs(images);
            assertThat(kept.targets()).isSameAs(targets);

            MixUp half = mixup(Map.of("probability", 0.5));
            SplittableRandom random = new SplittableRandom(3);
            int mixed = 0;
            for (int batch = 0; batch < 400; batch++) {
                mixed += half.draw(random, 4).isPresent() ? 1 : 0;
            }
            assertThat(mixed).isBetween(160, 240);
        }
    }

    @Test
    void rejectsANonPositiveAlphaAndAProbabilityOutsideZeroOne() {
        assertThatThrownBy(() -> mixup(Map.of("alpha", 0, "probability", 1.5)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "augment.train[2].alpha: must be a positive number (the Beta(alpha,"
                                + " alpha) shape), got 0.0")
                .hasMessageContaining("augment.train[2].probability: must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> mixup(Map.of("alpha", -0.2)))
                .hasMessageContaining("alpha: must be a positive number");
        assertThatThrownBy(() -> mixup(Map.of("probability", -0.1)))
                .hasMessageContaining("probability: must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> mixup(Map.of("lambda", 0.3)))
                .hasMessageContaining("unknown option 'lambda'; known: [alpha, probability]");
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float value : values) {
            total += value;
        }
        return total;
    }
}
