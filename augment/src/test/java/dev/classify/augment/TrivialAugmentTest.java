package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class TrivialAugmentTest {
    private static final int PIXELS = TestImages.SIZE * TestImages.SIZE;

    private static Augmenter trivial(Map<String, Object> options) {
        return new TrivialAugmentProvider().create(new Options("augment.train[0]", options));
    }

    private static Augmenter rand(Map<String, Object> options) {
        return new RandAugmentProvider().create(new Options("augment.train[1]", options));
    }

    @Test
    void eachImageGetsTheOpAndMagnitudeDrawnForIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 64);
            float[] out = trivial(Map.of()).apply(batch, new SplittableRandom(7)).toFloatArray();

            SplittableRandom replay = new SplittableRandom(7);
            NDArray one = TestImages.sneakers(manager, 1);
            Set<AugmentOp> seen = new HashSet<>();
            for (int i = 0; i < 64; i++) {
                AugmentOp op = AugmentOp.values()[replay.nextInt(14)];
                float magnitude =
                        op.hasMagnitude()
                                ? AugmentSpace.WIDE.magnitude(op, replay.nextInt(31), 31, 28, 28)
                                : 0;
                if (op.signed() && replay.nextInt(2) == 1) {
                    magnitude = -magnitude;
                }
                seen.add(op);
                float[] expected = op.apply(one, magnitude).toFloatArray();
                float[] actual = new float[PIXELS];
                System.arraycopy(out, i * PIXELS, actual, 0, PIXELS);
                assertThat(actual)
                        .as("image %d, %s %s", i, op, magnitude)
                        .containsExactly(expected);
            }
            assertThat(seen).hasSizeGreaterThan(10);
        }
    }

    @Test
    void sameSeedSameBatchesAndRangeKept() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.fourClasses(manager);
            NDArray rgb = batch.concat(batch.mul(0.5f), 1).concat(batch.mul(0.2f), 1);
            for (Augmenter augmenter : List.of(trivial(Map.of()), rand(Map.of()))) {
                for (NDArray input : List.of(batch, rgb)) {
                    float[] first = augmenter.apply(input, new SplittableRandom(3)).toFloatArray();
                    float[] again = augmenter.apply(input, new SplittableRandom(3)).toFloatArray();
                    float[] other = augmenter.apply(input, new SplittableRandom(4)).toFloatArray();
                    assertThat(again).containsExactly(first);
                    assertThat(other).isNotEqualTo(first);
                    AugmentOpTest.assertInUnitRange(first, "augmented");
                    assertThat(first).hasSize((int) input.size());
                }
            }
        }
    }

    @Test
    void randAugmentAppliesNOpsAtTheFixedMagnitude() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.sneakers(manager, 32);
            float[] out =
                    rand(Map.of("n", 2, "magnitude", 20))
                            .apply(batch, new SplittableRandom(11))
                            .toFloatArray();

            SplittableRandom replay = new SplittableRandom(11);
            for (int i = 0; i < 32; i++) {
                NDArray image = TestImages.sneakers(manager, 1);
                for (int k = 0; k < 2; k++) {
                    AugmentOp op = AugmentOp.values()[replay.nextInt(14)];
                    float magnitude = AugmentSpace.RAND.magnitude(op, 20, 31, 28, 28);
                    if (op.signed() && replay.nextInt(2) == 1) {
                        magnitude = -magnitude;
                    }
                    image = op.apply(image, magnitude);
                }
                float[] actual = new float[PIXELS];
                System.arraycopy(out, i * PIXELS, actual, 0, PIXELS);
                assertThat(actual).as("image %d", i).containsExactly(image.toFloatArray());
            }
        }
    }

    @Test
    void reportsBadOptionsAndChannelCounts() {
        assertThatThrownBy(() -> trivial(Map.of("bins", 1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[0].bins: must be at least 2, got 1");
        assertThatThrownBy(() -> rand(Map.of("n", 0, "magnitude", 31, "size", 3)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "augment.train[1].n: must be at least 1, got 0",
                                                "augment.train[1].magnitude: must be in [0, 31),"
                                                        + " got 31",
                                                "augment.train[1].size: unknown option 'size';"
                                                        + " known: [bins, magnitude, n]"));
        assertThatThrownBy(() -> trivial(Map.of()).outputShape(new int[] {2, 28, 28}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[0]: trivial-augment needs 1- or 3-channel images, got 2"
                                + " channels");
        assertThat(rand(Map.of()).outputShape(new int[] {3, 32, 32})).containsExactly(3, 32, 32);
    }

    @Test
    void anAllIdentityBatchIsReturnedAsItIs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.zeros(new Shape(2, 1, 4, 4));
            AugmentOp[] ops = {AugmentOp.IDENTITY, AugmentOp.IDENTITY};
            assertThat(PerImageOps.apply(batch, ops, new float[2])).isSameAs(batch);
        }
    }
}
