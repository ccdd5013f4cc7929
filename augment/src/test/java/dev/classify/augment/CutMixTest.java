package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.ConfigurationException;
import dev.classify.api.MixedBatch;
import dev.classify.api.Options;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CutMixTest {
    private static final int[] LABELS = TestImages.FOUR_LABELS;

    private static CutMix cutmix(Map<String, Object> options) {
        return (CutMix) new CutMixProvider().create(new Options("augment.train[3]", options));
    }

    @Test
    void pastesABoxOfThePartnerAndWeighsTheLabelsByItsArea() {
        CutMix cutmix = cutmix(Map.of());
        // The first seed whose box covers between a tenth and half of the image and that moves
        // image 0, so that the comparisons below can fail.
        long seed = 0;
        CutMix.Draw draw;
        while (true) {
            draw = cutmix.draw(new SplittableRandom(seed), 4, 28, 28).orElseThrow();
            double kept = draw.kept(28, 28);
            if (draw.partners()[0] != 0 && kept > 0.5 && kept < 0.9) {
                break;
            }
            seed++;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = TestImages.fourClasses(manager);
            MixedBatch mixed =
                    cutmix.mix(
                            images, MixingBatches.fourTargets(manager), new SplittableRandom(seed));

            float[] in = images.toFloatArray();
            float[] out = mixed.images().toFloatArray();
            float[] targets = mixed.targets().toFloatArray();
            assertThat(mixed.images().getShape()).isEqualTo(new Shape(4, 1, 28, 28));
            int area = (draw.bottom() - draw.top()) * (draw.right() - draw.left());
            int pastedDifferently = 0;
            for (int n = 0; n < 4; n++) {
                int partner = draw.partners()[n];
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean inBox =
                                y >= draw.top()
                                        && y < draw.bottom()
                                        && x >= draw.left()
                                        && x < draw.right();
                        int source = inBox ? partner : n;
                        assertThat(out[n * 784 + y * 28 + x])
                                .isEqualTo(in[source * 784 + y * 28 + x]);
                        if (inBox && in[partner * 784 + y * 28 + x] != in[n * 784 + y * 28 + x]) {
                            pastedDifferently++;
                        }
                    }
                }
                float share = (float) area / 784;
                if (partner == n) {
                    assertThat(targets[n * 10 + LABELS[n]]).isCloseTo(1f, within(1e-6f));
                } else {
                    assertThat(targets[n * 10 + LABELS[n]]).isCloseTo(1 - share, within(1e-6f));
                    assertThat(targets[n * 10 + LABELS[partner]]).isCloseTo(share, within(1e-6f));
                }
            }
            assertThat(pastedDifferently).isGreaterThan(20);
            assertThat(mixed.targets().sum(new int[] {1}).toFloatArray())
                    .containsExactly(new float[] {1f, 1f, 1f, 1f}, within(1e-6f));
        }
    }

    @Test
    void drawsTheBoxFromTheMixingWeightAsThePaperDoes() {
        // alpha 1: lambda uniform, the unclipped box side 28 sqrt(1 - lambda); centred boxes keep
        // on average more than half, never less than none.
        CutMix cutmix = cutmix(Map.of("alpha", 1.0));
        SplittableRandom random = new SplittableRandom(5);
        double keptSum = 0;
        for (int i = 0; i < 2000; i++) {
            CutMix.Draw draw = cutmix.draw(random, 8, 28, 28).orElseThrow();
            assertThat(draw.top()).isBetween(0, draw.bottom());
            assertThat(draw.bottom()).isLessThanOrEqualTo(28);
            assertThat(draw.left()).isBetween(0, draw.right());
            assertThat(draw.right()).isLessThanOrEqualTo(28);
            assertThat(draw.partners()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
            keptSum += draw.kept(28, 28);
        }
        // Unclipped, E[kept] = E[lambda] = 0.5 up to the rounding down; clipping keeps more.
        assertThat(keptSum / 2000).isBetween(0.55, 0.8);
    }

    @Test
    void theSameSeedCutsTheSameAndAnotherSeedOtherwise() {
        CutMix cutmix = cutmix(Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = TestImages.fourClasses(manager);
            NDArray targets = MixingBatches.fourTargets(manager);
            MixedBatch first = cutmix.mix(images, targets, new SplittableRandom(42));
            MixedBatch again = cutmix.mix(images, targets, new SplittableRandom(42));
            MixedBatch other = cutmix.mix(images, targets, new SplittableRandom(44));

            assertThat(again.images().toFloatArray())
                    .containsExactly(first.images().toFloatArray());
            assertThat(again.targets().toFloatArray())
                    .containsExactly(first.targets().toFloatArray());
            assertThat(other.images().toFloatArray()).isNotEqualTo(first.images().toFloatArray());
            assertThat(cutmix.apply(images, new SplittableRandom(42)).toFloatArray())
                    .containsExactly(first.images().toFloatArray());
            // Pasted pixels are input pixels: the range stays [0, 1].
            assertThat(first.images().min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(first.images().max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void probabilityZeroKeepsTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = TestImages.fourClasses(manager);
            NDArray targets = MixingBatches.fourTargets(manager);
            MixedBatch kept =
                    cutmix(Map.of("probability", 0.0))
                            .mix(images, targets, new SplittableRandom(1));
            assertThat(kept.images()).isSameAs(images);
            assertThat(kept.targets()).isSameAs(targets);
        }
    }

    @Test
    void rejectsANonPositiveAlphaAndAProbabilityOutsideZeroOne() {
        assertThatThrownBy(() -> cutmix(Map.of("alpha", -1, "probability", 2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[3].alpha: must be a positive number")
                .hasMessageContaining("augment.train[3].probability: must be in [0, 1], got 2.0");
        assertThatThrownBy(() -> cutmix(Map.of("alpha", "big")))
                .hasMessageContaining("augment.train[3].alpha: expected a number, got 'big'");
    }
}
