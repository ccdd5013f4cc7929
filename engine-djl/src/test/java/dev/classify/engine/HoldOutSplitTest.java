package dev.classify.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.config.ValidationConfig;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class HoldOutSplitTest {

    @Test
    void holdsOutTheRequestedNumberOfImages() {
        HoldOutSplit split = HoldOutSplit.of(100, 30, 42);

        assertThat(split.validation()).hasSize(30);
        assertThat(split.train()).hasSize(70);
    }

    @Test
    void partitionsEveryIndexExactlyOnce() {
        HoldOutSplit split = HoldOutSplit.of(1000, 250, 7);

        assertThat(split.train()).doesNotContain(split.validation());
        int[] union = IntStream.concat(stream(split.train()), stream(split.validation())).toArray();
        assertThat(union).containsExactlyInAnyOrder(IntStream.range(0, 1000).toArray());
    }

    @Test
    void bothPartsAreAscending() {
        HoldOutSplit split = HoldOutSplit.of(500, 100, 3);

        assertThat(split.train()).isSorted();
        assertThat(split.validation()).isSorted();
    }

    @Test
    void theSameSeedDrawsTheSameSplit() {
        HoldOutSplit first = HoldOutSplit.of(6000, 1000, 42);
        HoldOutSplit second = HoldOutSplit.of(6000, 1000, 42);

        assertThat(second.validation()).isEqualTo(first.validation());
        assertThat(second.train()).isEqualTo(first.train());
    }

    @Test
    void anotherSeedDrawsAnotherSplit() {
        HoldOutSplit first = HoldOutSplit.of(6000, 1000, 42);
        HoldOutSplit second = HoldOutSplit.of(6000, 1000, 43);

        assertThat(second.validation()).isNotEqualTo(first.validation());
        // Both are random draws: they overlap by about 1000 * 1000/6000, far from all of them.
        long common =
                stream(second.validation()).filter(i -> contains(first.validation(), i)).count();
        assertThat(common).isBetween(100L, 250L);
    }

    @Test
    void theHoldOutIsSpreadOverTheIndices() {
        HoldOutSplit split = HoldOutSplit.of(6000, 1000, 42);

        // Not the first or last images: a uniform draw has about 500 below the middle.
        long firstHalf = stream(split.validation()).filter(i -> i < 3000).count();
        assertThat(firstHalf).isBetween(420L, 580L);
    }

    @Test
    void aHoldOutOfZeroTrainsOnEverything() {
        HoldOutSplit split = HoldOutSplit.of(10, 0, 42);

        assertThat(split.validation()).isEmpty();
        assertThat(split.train()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void rejectsAHoldOutLeavingNoTrainingImage() {
        assertThatThrownBy(() -> HoldOutSplit.of(10, 10, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold-out must be in [0, 10), got 10");
        assertThatThrownBy(() -> HoldOutSplit.of(10, -1, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
        assertThatThrownBy(() -> HoldOutSplit.of(0, 0, 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationSizeIsTakenAsGiven() {
        assertThat(new ValidationConfig(1000, null, null).holdOutSize(6000)).isEqualTo(1000);
        assertThat(new ValidationConfig(0, null, null).holdOutSize(6000)).isZero();
    }

    @Test
    void validationFractionIsRounded() {
        assertThat(new ValidationConfig(null, 0.25, null).holdOutSize(100)).isEqualTo(25);
        assertThat(new ValidationConfig(null, 0.1, null).holdOutSize(15)).isEqualTo(2);
        assertThat(new ValidationConfig(null, 0.0, null).holdOutSize(15)).isZero();
    }

    @Test
    void validationDefaultsToATenth() {
        ValidationConfig defaults = new ValidationConfig(null, null, null);

        assertThat(defaults.holdOutSize(6000)).isEqualTo(600);
        assertThat(defaults.seed()).isEqualTo(42L);
    }

    @Test
    void validationRejectsASizeLeavingNoTrainingImage() {
        assertThatThrownBy(() -> new ValidationConfig(100, null, null).holdOutSize(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold-out of 100 images leaves no training image out of 100");
    }

    private static IntStream stream(int[] values) {
        return Arrays.stream(values);
    }

    private static boolean contains(int[] sorted, int value) {
        return Arrays.binarySearch(sorted, value) >= 0;
    }
}
